namespace Outreach.Infrastructure.Messaging;

/// <summary>A provider could not answer a question (not a send); the caller should ask again later.</summary>
public sealed class SmsProviderUnavailableException(string providerName, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string ProviderName { get; } = providerName;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
