using Outreach.Domain.Common;

namespace Outreach.Domain.Automation;

/// <summary>
/// One scheduled run of a rule for one conversation. The executor claims due rows, performs the rule's
/// actions in order (<see cref="ActionsDone"/> records progress, so a run that dies half-way resumes
/// after the last completed action), and ends in Completed, Skipped with a reason, or Failed with an error.
/// </summary>
public sealed class FollowUpExecution : ITeamOwned
{
    public const int MaxReasonLength = 500;

    private FollowUpExecution()
    {
        TriggerKey = string.Empty;
        Definition = "{}";
    }

    public long Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid RuleId { get; private set; }
    public Guid ConversationId { get; private set; }
    public Guid ProspectId { get; private set; }

    /// <summary>The occurrence that scheduled it (a reply, a campaign step): one execution per rule and occurrence.</summary>
    public string TriggerKey { get; private set; }

    /// <summary>The rule runs at most once per conversation: at most one such execution is pending, running or completed.</summary>
    public bool Once { get; private set; }

    public bool CancelOnReply { get; private set; }

    /// <summary>
    /// The rule's definition (JSON) this execution runs: the rule's as it was scheduled, replaced when the rule is
    /// edited before the execution starts, and kept once it has, so a half-done run never resumes into other actions.
    /// </summary>
    public string Definition { get; private set; }
    public DateTimeOffset TriggeredAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public ExecutionStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public int ActionsDone { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The message the rule sent, if it sent one.</summary>
    public Guid? MessageId { get; private set; }
}
