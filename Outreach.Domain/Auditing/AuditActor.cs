namespace Outreach.Domain.Auditing;

/// <summary>Who did something: a signed-in user, an API key, or the system itself.</summary>
public sealed record AuditActor(Guid? UserId, string? Name, string? IpAddress = null)
{
    public static readonly AuditActor System = new(null, "system");
}
