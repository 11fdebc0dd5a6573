using Outreach.Domain.Common;

namespace Outreach.Domain.Inbox;

/// <summary>
/// One change to a conversation's triage state: who moved it, from where to where, and why. The bucket
/// history in the conversation pane is these rows; the classifier's own moves are recorded as well.
/// </summary>
public sealed class ConversationEvent : ITeamOwned
{
    public const int MaxReasonLength = 500;
    public const int MaxValueLength = 120;

    private ConversationEvent()
    {
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid ConversationId { get; private set; }
    public ConversationEventKind Kind { get; private set; }
    public string? FromValue { get; private set; }
    public string? ToValue { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>Null for the system (the classifier, the snooze clock).</summary>
    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = string.Empty;
    public DateTimeOffset OccurredAt { get; private set; }

    public string Describe() => Kind switch
    {
        ConversationEventKind.Classified => $"Filed under {ToValue} by the classifier" + (FromValue is null ? "" : $" (was {FromValue})"),
        ConversationEventKind.Moved => $"Moved from {FromValue} to {ToValue}",
        ConversationEventKind.Assigned => FromValue is null ? $"Assigned to {ToValue}" : $"Reassigned from {FromValue} to {ToValue}",
        ConversationEventKind.Unassigned => $"Unassigned from {FromValue}",
        ConversationEventKind.Snoozed => $"Snoozed until {ToValue}",
        ConversationEventKind.Returned => "Returned from snooze",
        ConversationEventKind.Done => "Marked done",
        ConversationEventKind.Reopened => FromValue is null ? "Reopened" : $"Reopened (was {FromValue})",
        ConversationEventKind.Labeled => $"Label {ToValue} added",
        ConversationEventKind.Unlabeled => $"Label {FromValue} removed",
        _ => Kind.ToString(),
    };
}

public enum ConversationEventKind
{
    Classified,
    Moved,
    Assigned,
    Unassigned,
    Snoozed,
    Returned,
    Done,
    Reopened,
    Labeled,
    Unlabeled,
}
