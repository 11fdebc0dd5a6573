namespace Outreach.Domain.Prospects;

public static class RevenueTiers
{
    /// <summary>
    /// Under $500K Startup, under $2.5M MainStreet, under $10M Growth, under $50M Established, else
    /// Enterprise. Each lower bound belongs to the tier it starts. Null for unknown or negative revenue.
    /// </summary>
    public static RevenueTier? For(decimal? revenue) => revenue switch
    {
        null or < 0m => null,
        < 500_000m => RevenueTier.Startup,
        < 2_500_000m => RevenueTier.MainStreet,
        < 10_000_000m => RevenueTier.Growth,
        < 50_000_000m => RevenueTier.Established,
        _ => RevenueTier.Enterprise,
    };
}
