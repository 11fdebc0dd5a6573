using System.Globalization;
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

    /// <summary>How a snooze's end is stored in <see cref="ToValue"/>: UTC, so that each reader shows it in its own zone.</summary>
    public const string SnoozedUntilFormat = "yyyy-MM-dd HH:mm 'UTC'";

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

    /// <summary>When a snooze recorded here ends; null for other kinds.</summary>
    public DateTimeOffset? SnoozedUntil =>
        Kind == ConversationEventKind.Snoozed && DateTimeOffset.TryParseExact(ToValue, SnoozedUntilFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var until) ? until : null;

    /// <param name="time">How to show a moment (the team's zone, 24-hour); without it a snooze's end shows in UTC.</param>
    public string Describe(Func<DateTimeOffset, string>? time = null) => Kind switch
    {
        ConversationEventKind.Snoozed when time is not null && SnoozedUntil is { } until => $"Snoozed until {time(until)}",
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
