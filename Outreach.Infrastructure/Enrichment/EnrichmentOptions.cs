using Outreach.Infrastructure.Enrichment.Apollo;

namespace Outreach.Infrastructure.Enrichment;

/// <summary>The "Outreach:Enrichment" configuration section (environment variables: Outreach__Enrichment__Apollo__ApiKey).</summary>
public sealed class EnrichmentOptions
{
    public const string Section = "Outreach:Enrichment";

    /// <summary>"derived" (the default: free, nothing leaves the process) or "apollo".</summary>
    public string Provider { get; set; } = EnrichmentProviderNames.Derived;

    /// <summary>A paid lookup of the same person by the same team is answered from the record for this many days.</summary>
    public int ReuseDays { get; set; } = 30;

    /// <summary>Paid calls in flight at once, per node.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Sustained paid calls per minute, per node. A full bucket allows a burst of this many.</summary>
    public int RequestsPerMinute { get; set; } = 60;

    public ApolloOptions Apollo { get; set; } = new();
}
