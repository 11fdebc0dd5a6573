namespace Outreach.Domain.Reports;

/// <summary>How much of a team's monthly budget belongs to a report's period.</summary>
public static class ReportBudget
{
    /// <summary>
    /// Each day of the period carries its month's budget divided by that month's length, so a week is about a
    /// quarter of a month and a calendar month is exactly its budget. Spend against it then compares like with
    /// like, whatever the period. The budget is today's setting: the team's limits keep no history.
    /// </summary>
    public static decimal? ForPeriod(decimal? monthlyBudget, ReportPeriod period) =>
        monthlyBudget is { } monthly
            ? Math.Round(period.EachDay().Sum(day => monthly / DateTime.DaysInMonth(day.Year, day.Month)), 2)
            : null;
}
