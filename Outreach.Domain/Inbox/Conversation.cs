using Outreach.Domain.Common;
using Outreach.Domain.Messaging;

namespace Outreach.Domain.Inbox;

/// <summary>
/// The thread between one prospect and one of the team's sending numbers. Persisted, never held in memory:
/// every node and every webhook sees the same state.
/// </summary>
public sealed class Conversation : ITeamOwned
{
    public const int MaxPreviewLength = 160;

    private Conversation()
    {
        ProspectPhone = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid ProspectId { get; private set; }
    public Guid SendingNumberId { get; private set; }
    public string ProspectPhone { get; private set; }
    public ConversationStatus Status { get; private set; }
    public InboxBucket Bucket { get; private set; }
    public LeadPriority Priority { get; private set; }
    public ReplyKind? LastClassification { get; private set; }
    public int? LastConfidence { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public int UnreadCount { get; private set; }
    public string? LastMessagePreview { get; private set; }
    public DateTimeOffset? LastMessageAt { get; private set; }
    public DateTimeOffset? LastInboundAt { get; private set; }
    public DateTimeOffset? LastOutboundAt { get; private set; }

    /// <summary>When the oldest inbound message still without a human answer arrived; null when nothing waits.</summary>
    public DateTimeOffset? WaitingSince { get; private set; }

    public DateTimeOffset? SnoozedUntil { get; private set; }

    /// <summary>The operators' own labels, normalised by <see cref="InboxLabels"/>.</summary>
    public string[] Labels { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public static string Preview(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length <= MaxPreviewLength ? flat : flat[..(MaxPreviewLength - 1)] + "…";
    }
}
