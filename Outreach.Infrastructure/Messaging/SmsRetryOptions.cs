namespace Outreach.Infrastructure.Messaging;

/// <summary>
/// How long a send may hold a dispatch worker. Retries here are short and few: anything longer goes back to the
/// outbound queue with <see cref="ProviderSendResult.RetryAfter"/>, where it waits without holding a worker.
/// </summary>
public sealed class SmsRetryOptions
{
    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; doubles each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on any one backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>A provider's Retry-After up to this long is waited out in place; a longer one goes back to the queue.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit on one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Suggested wait before the queue tries again when the provider named none.</summary>
    public TimeSpan RescheduleAfter { get; set; } = TimeSpan.FromMinutes(1);
}
