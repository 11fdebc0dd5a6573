using Outreach.Domain.Common;
using Outreach.Domain.Webhooks;

namespace Outreach.Infrastructure.Webhooks;

/// <summary>
/// One event for one subscription, until the receiver takes it or three days pass. The dispatcher claims it
/// under a lease; a node that dies mid-delivery leaves the lease to run out, and another node delivers it again
/// under the same <c>webhook-id</c>.
/// </summary>
public sealed class WebhookDelivery : ITeamOwned
{
    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid SubscriptionId { get; private set; }
    public Guid EventId { get; private set; }
    public long EventSeq { get; private set; }
    public WebhookDeliveryState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>When the current round of attempts began (creation or the last replay); three days after it, retries stop.</summary>
    public DateTimeOffset FirstDueAt { get; private set; }

    public DateTimeOffset? LeaseUntil { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
