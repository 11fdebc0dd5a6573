using Outreach.Domain.Common;

namespace Outreach.Infrastructure.Enrichment;

/// <summary>
/// One paid lookup of one person at one provider: the key is a hash of who was asked about, so the same
/// person is never paid for twice within the reuse window, and the spend is on record.
/// </summary>
public sealed class EnrichmentLookup : ITeamOwned
{
    public long Id { get; private set; }
    public Guid TeamId { get; private set; }
    public required string Provider { get; init; }
    public required string PersonKey { get; init; }
    public required string Result { get; set; }
    public decimal Cost { get; set; }
    public DateTimeOffset LookedUpAt { get; set; }

    public static EnrichmentLookup Record(Guid teamId, string provider, string personKey, string resultJson, decimal cost, DateTimeOffset at) => new()
    {
        TeamId = teamId,
        Provider = provider,
        PersonKey = personKey,
        Result = resultJson,
        Cost = cost,
        LookedUpAt = at,
    };
}
