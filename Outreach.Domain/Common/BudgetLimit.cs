using System.Globalization;

namespace Outreach.Domain.Common;

/// <summary>
/// What a budget (a team's monthly budget, a campaign's cap) may be: more than zero, in whole cents, and no
/// more than <see cref="Maximum"/>. Budgets are stored as numeric(12,2), but the spend counted against them
/// is numeric(14,5), which ends below a billion; a larger budget could never be spent to its end, and one
/// beyond the budget column is refused by the database, so it is refused here first, with a message.
/// </summary>
public static class BudgetLimit
{
    public const decimal Maximum = 999_999_999.99m;

    /// <summary>Why this budget cannot be saved, or null when it can (an empty budget means none).</summary>
    public static string? Problem(decimal? budget) => budget switch
    {
        null => null,
        <= 0 => "A budget must be more than zero (or none).",
        > Maximum => $"A budget can be at most {Maximum.ToString("$#,0.00", CultureInfo.InvariantCulture)}.",
        { } amount when decimal.Round(amount, 2) != amount => "A budget is in whole cents (at most two decimals).",
        _ => null,
    };
}
