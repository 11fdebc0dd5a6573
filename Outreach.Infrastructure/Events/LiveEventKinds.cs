namespace Outreach.Infrastructure.Events;

public static class LiveEventKinds
{
    public const string AuditRecorded = "audit.recorded";
    public const string TeamChanged = "team.changed";
    public const string MembersChanged = "members.changed";
}
