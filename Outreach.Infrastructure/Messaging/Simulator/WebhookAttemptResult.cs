namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>How one attempt to post a webhook ended.</summary>
internal enum WebhookAttemptResult
{
    /// <summary>The console answered 2xx.</summary>
    Accepted,

    /// <summary>Worth another try: 5xx, 408, 429, no answer, or no address or key yet.</summary>
    Retry,

    /// <summary>Refused (another 4xx): the same request would be refused again.</summary>
    Refused,
}
