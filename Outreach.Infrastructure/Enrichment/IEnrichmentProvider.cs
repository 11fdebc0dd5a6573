namespace Outreach.Infrastructure.Enrichment;

/// <summary>
/// A source of facts about a prospect: the embedded <see cref="DerivedEnrichmentProvider"/> or a paid data
/// vendor (<see cref="Apollo.ApolloPeopleMatchProvider"/>). Callers go through <see cref="EnrichmentService"/>,
/// which adds the de-duplication, concurrency cap and rate limit a paid provider must never be called without.
/// </summary>
public interface IEnrichmentProvider
{
    /// <summary>"derived" or "apollo" (see <see cref="EnrichmentProviderNames"/>); stored with every paid lookup.</summary>
    string Name { get; }

    /// <summary>True when a lookup costs money, so it is de-duplicated, throttled and recorded.</summary>
    bool IsPaid { get; }

    /// <summary>Looks the person up. "Not found" is a result; an outage or a refused credential throws
    /// <see cref="EnrichmentProviderException"/>.</summary>
    Task<EnrichmentResult> EnrichAsync(EnrichmentRequest request, CancellationToken ct);
}
