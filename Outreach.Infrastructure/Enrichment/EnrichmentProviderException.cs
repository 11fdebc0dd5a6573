namespace Outreach.Infrastructure.Enrichment;

/// <summary>
/// A provider could not answer (an outage, rate limiting that outlasted the retries, a refused API key).
/// Nothing was recorded, so asking again later is safe and is not a second payment for the same answer.
/// </summary>
public sealed class EnrichmentProviderException(string providerName, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string ProviderName { get; } = providerName;
}
