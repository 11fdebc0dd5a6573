using System.ComponentModel.DataAnnotations;

namespace Outreach.Infrastructure.Messaging.Queue;

/// <summary>The outbound queue's pace and patience ("Outreach:Messaging:Queue").</summary>
public sealed class QueueOptions
{
    public const string Section = "Outreach:Messaging:Queue";

    /// <summary>Run the dispatcher on this node. Several nodes share the queue safely.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Per-number pacing: carriers throttle long codes at about one message per second.</summary>
    [Range(0, 60_000)]
    public int PacingMilliseconds { get; set; } = 1000;

    /// <summary>Attempts before a transiently failing message is given up as failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each further one doubles it (with jitter).</summary>
    [Range(1, 3600)]
    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>How long a claimed message may stay unacknowledged before it counts as abandoned by a crashed node.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Provider calls in flight on this node at once.</summary>
    [Range(1, 1000)]
    public int MaxInFlight { get; set; } = 64;

    /// <summary>How often an idle dispatcher looks for due messages queued by other nodes.</summary>
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 250;
}
