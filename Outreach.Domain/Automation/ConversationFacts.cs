using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;

namespace Outreach.Domain.Automation;

/// <summary>
/// The conversation and its prospect as they are at the moment a rule is scheduled or fires: what the
/// conditions compare against and what the delayed triggers look back on.
/// </summary>
public sealed record ConversationFacts(
    InboxBucket Bucket,
    LeadPriority Priority,
    IReadOnlyCollection<string> Tags,
    int Score,
    bool HasEmail,
    IReadOnlyCollection<Guid> CampaignIds,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset? LastHumanReplyAt)
{
    /// <summary>Open, snoozed until <see cref="SnoozedUntil"/>, or marked done by the team.</summary>
    public ConversationStatus Status { get; init; } = ConversationStatus.Open;

    public DateTimeOffset? SnoozedUntil { get; init; }

    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
}
