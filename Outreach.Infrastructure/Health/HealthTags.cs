namespace Outreach.Infrastructure.Health;

public static class HealthTags
{
    public const string Ready = "ready";
}
