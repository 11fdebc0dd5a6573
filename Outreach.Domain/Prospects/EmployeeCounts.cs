namespace Outreach.Domain.Prospects;

/// <summary>Head counts as lists state them: "45", "1,200", "11-50", "10,001+", "Less than 10".</summary>
public static class EmployeeCounts
{
    // The largest employers have about two million staff; more than this is a mis-mapped column.
    private const decimal Ceiling = 10_000_000m;

    /// <summary>The count, with bands read like revenue bands (midpoint, rounded half up); null when not a count.</summary>
    public static int? Parse(string? raw)
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
        return Amounts.TryParse(text, out var value) && value <= Ceiling
            ? (int)Math.Round(value, MidpointRounding.AwayFromZero)
            : null;
    }
}
