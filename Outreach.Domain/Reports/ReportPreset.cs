namespace Outreach.Domain.Reports;

/// <summary>
/// A period named relative to today, as the reports page offers it and an address keeps it (<c>?preset=last7</c>):
/// a link to "the last 7 days" opened tomorrow shows tomorrow's last 7 days. Every preset ends at the end of today
/// except last week, which is over.
/// </summary>
public sealed record ReportPreset(string Key, string Label, Func<string, TimeProvider, ReportPeriod> Make)
{
    public static ReportPreset Today { get; } = new("today", "Today", (zone, clock) => ReportPeriod.LastDays(1, zone, clock));

    public static ReportPreset Last7Days { get; } = new("last7", "Last 7 days", (zone, clock) => ReportPeriod.LastDays(7, zone, clock));

    public static IReadOnlyList<ReportPreset> All { get; } =
    [
        Today,
        Last7Days,
        new("last30", "Last 30 days", (zone, clock) => ReportPeriod.LastDays(30, zone, clock)),
        new("lastweek", "Last week", ReportPeriod.PreviousWeek),
        new("thismonth", "This month", ReportPeriod.ThisMonth),
    ];

    /// <summary>What a report shows when nothing else is asked for.</summary>
    public static ReportPreset Default => Last7Days;

    public static ReportPreset? Find(string? key) => All.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));

    public ReportPeriod PeriodFor(string timeZone, TimeProvider clock) => Make(timeZone, clock);
}
