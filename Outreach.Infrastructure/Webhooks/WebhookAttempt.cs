using Outreach.Domain.Common;

namespace Outreach.Infrastructure.Webhooks;

/// <summary>One request to a receiver and what came back: the delivery log.</summary>
public sealed class WebhookAttempt : ITeamOwned
{
    public const int MaxExcerptLength = 1_000;
    public const int MaxRequestLength = 4_000;

    private WebhookAttempt()
    {
        Request = string.Empty;
        Node = string.Empty;
    }

    public long Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid DeliveryId { get; private set; }
    public Guid SubscriptionId { get; private set; }
    public int Attempt { get; private set; }
    public DateTimeOffset AttemptedAt { get; private set; }
    public int DurationMs { get; private set; }

    /// <summary>The request line, headers and the start of the body, as sent.</summary>
    public string Request { get; private set; }

    public int? StatusCode { get; private set; }
    public string? ResponseExcerpt { get; private set; }

    /// <summary>Why there was no answer (refused address, timeout, connection error).</summary>
    public string? Error { get; private set; }

    public bool Succeeded { get; private set; }
    public string Node { get; private set; }
}
