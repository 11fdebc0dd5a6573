namespace Outreach.Infrastructure.Messaging;

/// <summary>What a provider said about one send.</summary>
/// <param name="ProviderMessageId">The provider's id; present when it created a message, even one that failed at once.</param>
/// <param name="Failure">Whether and how the send failed.</param>
/// <param name="ErrorCode">The provider's own code (Twilio's numeric codes as text, SignalHouse's codes) or an HTTP status.</param>
/// <param name="ErrorMessage">The provider's explanation, for operators.</param>
/// <param name="Segments">Billed segments, when the provider reports them.</param>
/// <param name="Cost">Money spent, positive, in the provider's currency, when already known.</param>
/// <param name="RetryAfter">For transient failures: when to try again.</param>
public sealed record ProviderSendResult(
    string? ProviderMessageId,
    ProviderFailureKind Failure,
    string? ErrorCode,
    string? ErrorMessage,
    int? Segments,
    decimal? Cost,
    TimeSpan? RetryAfter = null)
{
    public bool Accepted => Failure == ProviderFailureKind.None && ProviderMessageId is not null;

    /// <summary>
    /// True when the request may have reached the provider but no answer came back (a timeout, a dropped
    /// connection, a 500/502/504 from a provider without idempotent sends). The message may or may not exist:
    /// before sending it again, ask <see cref="ISmsProvider.FindPreviousSendAsync"/>, as after a crash.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    public static ProviderSendResult Sent(string providerMessageId, int? segments = null, decimal? cost = null) =>
        new(providerMessageId, ProviderFailureKind.None, null, null, segments, cost);

    public static ProviderSendResult Transient(string? errorCode, string? errorMessage, TimeSpan? retryAfter, bool outcomeUnknown = false) =>
        new(null, ProviderFailureKind.Transient, errorCode, errorMessage, null, null, retryAfter) { OutcomeUnknown = outcomeUnknown };

    public static ProviderSendResult Permanent(string? errorCode, string? errorMessage, string? providerMessageId = null) =>
        new(providerMessageId, ProviderFailureKind.Permanent, errorCode, errorMessage, null, null);
}
