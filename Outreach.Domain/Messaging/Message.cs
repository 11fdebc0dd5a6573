using Outreach.Domain.Common;
using Outreach.Domain.Inbox;

namespace Outreach.Domain.Messaging;

/// <summary>
/// One SMS in or out. Outbound rows are also the queue: workers claim queued rows with
/// FOR UPDATE SKIP LOCKED, and the idempotency key makes a repeated request queue nothing new.
/// </summary>
public sealed class Message : ITeamOwned
{
    public const int MaxBodyLength = 1600;

    private Message()
    {
        Body = string.Empty;
        From = string.Empty;
        To = string.Empty;
        Provider = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid ConversationId { get; private set; }
    public MessageDirection Direction { get; private set; }
    public MessageSource? Source { get; private set; }
    public string Body { get; private set; }
    public string From { get; private set; }
    public string To { get; private set; }
    public MessageStatus Status { get; private set; }
    public string Provider { get; private set; }
    public string? ProviderMessageId { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public string? ErrorCode { get; private set; }
    public string? ErrorMessage { get; private set; }
    public int Segments { get; private set; }
    public decimal? Cost { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public string? ClaimedBy { get; private set; }
    public Guid? SentByUserId { get; private set; }
    public string? SentByName { get; private set; }
    public ReplyKind? Classification { get; private set; }
    public int? Confidence { get; private set; }
    public string? ExtractedEmail { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? FailedAt { get; private set; }
    public DateTimeOffset? StatusUpdatedAt { get; private set; }

    /// <summary>The campaign and step that sent this message (null for other sources).</summary>
    public Guid? CampaignId { get; private set; }
    public int? CampaignStep { get; private set; }

    /// <summary>
    /// For a reply, the message it answers: the last one handed over in its conversation before it arrived.
    /// Replies and opt-outs count for that message's campaign and step, whatever the enrollment's state.
    /// </summary>
    public Guid? AnswersMessageId { get; private set; }

    /// <summary>Spend reserved before queueing; settled against <see cref="Cost"/> once the provider reports it.</summary>
    public decimal? ReservedCost { get; private set; }
    public DateTimeOffset? CostSettledAt { get; private set; }

    /// <summary>When the dispatcher last handed this message to its provider (after checking every kill switch).</summary>
    public DateTimeOffset? HandedAt { get; private set; }
}
