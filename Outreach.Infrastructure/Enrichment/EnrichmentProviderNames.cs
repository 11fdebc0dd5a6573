namespace Outreach.Infrastructure.Enrichment;

/// <summary>The names providers register under; stored on enrichment lookups, so they never change.</summary>
public static class EnrichmentProviderNames
{
    public const string Derived = "derived";
    public const string Apollo = "apollo";
}
