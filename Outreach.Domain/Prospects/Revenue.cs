namespace Outreach.Domain.Prospects;

/// <summary>Annual revenue as lists state it: "$1.5M", "1,500,000", "1.5 million", "$750K", "2B".</summary>
public static class Revenue
{
    // Ten times the largest company's revenue: anything above is a mis-mapped column, not a figure.
    private const decimal Ceiling = 10_000_000_000_000m;

    /// <summary>
    /// The revenue in dollars, or null for a blank, a placeholder ("N/A", "(blank)") or text that is
    /// not an amount. A band ("$1-5M") yields its midpoint, "under $500K" half its ceiling and
    /// "$1B+" its floor.
    /// </summary>
    public static decimal? Parse(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        var text = CellText.Unwrap(raw);
        if (text.IsEmpty || CellText.IsPlaceholder(text))
        {
            return null;
        }
        return Amounts.TryParse(text, out var value) && value <= Ceiling ? value : null;
    }
}
