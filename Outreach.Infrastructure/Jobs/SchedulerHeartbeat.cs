namespace Outreach.Infrastructure.Jobs;

/// <summary>One firing of the cluster heartbeat job: which node ran it and how many nodes were alive.</summary>
public sealed class SchedulerHeartbeat
{
    public long Id { get; set; }

    /// <summary>The trigger's scheduled fire time; unique, so a firing that ran twice would fail loudly.</summary>
    public DateTimeOffset ScheduledFor { get; set; }

    public DateTimeOffset RanAt { get; set; }
    public string Node { get; set; } = string.Empty;
    public int NodesAlive { get; set; }
}
