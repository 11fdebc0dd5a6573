using System.ComponentModel.DataAnnotations;

namespace Outreach.Infrastructure.Automation;

/// <summary>The follow-up executor's pace ("Outreach:Automation").</summary>
public sealed class AutomationOptions
{
    public const string Section = "Outreach:Automation";

    /// <summary>How often the clustered scheduler fires the executor.</summary>
    [Range(1, 300)]
    public int IntervalSeconds { get; set; } = 5;

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claimed execution is hidden from other nodes; after a crash it runs again, resuming after its last completed action.</summary>
    [Range(10, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Attempts before an execution that keeps failing is marked failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Days a finished execution stays in the history (the Automation page, its weekly counts) before it is
    /// deleted. A completed execution of a once-per-conversation rule is kept: it keeps the rule from repeating.
    /// </summary>
    [Range(1, 3650)]
    public int KeepHistoryDays { get; set; } = 90;
}
