using Outreach.Domain.Webhooks;

namespace Outreach.Infrastructure.Webhooks;

/// <summary>One claimed delivery, with what its request is built from.</summary>
public sealed record WebhookRequest(
    Guid DeliveryId,
    Guid TeamId,
    Guid SubscriptionId,
    int Attempt,
    DateTimeOffset FirstDueAt,
    Guid EventId,
    string Type,
    string DataJson,
    DateTimeOffset OccurredAt,
    string Url,
    WebhookFormat Format,
    IReadOnlyList<string> Secrets)
{
    /// <summary>The <c>webhook-id</c>: the event's, the same for every retry, replay and receiver.</summary>
    public string WebhookId => WebhookPayload.WebhookId(EventId);
}

/// <summary>What one request came to.</summary>
public sealed record WebhookSendResult(bool Succeeded, int? StatusCode, string? ResponseExcerpt, string? Error, TimeSpan Duration, string Request);
