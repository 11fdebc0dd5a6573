namespace Outreach.Infrastructure.Events;

/// <summary>This process's name in the cluster: in logs, in Quartz's scheduler state, on live events.</summary>
public sealed record NodeIdentity(string Name)
{
    public static NodeIdentity FromConfiguredName(string? configured) =>
        new(string.IsNullOrWhiteSpace(configured) ? $"{Environment.MachineName}-{Environment.ProcessId}" : configured.Trim());
}
