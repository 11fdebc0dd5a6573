using Outreach.Domain.Reports;

namespace Outreach.Infrastructure.Reports;

/// <summary>One row of a breakdown: its key as stored (null when the prospect or message has none), a label, both periods.</summary>
public sealed record BreakdownRow(string? Key, string Label, ReportMetrics Current, ReportMetrics Previous);

/// <summary>One day of the period, in the team's time zone.</summary>
public sealed record TrendPoint(DateOnly Day, ReportMetrics Metrics);

/// <summary>Everything a report shows: the page, the workbook and the weekly e-mail are all made from one of these.</summary>
public sealed record ReportRollupResult(
    ReportPeriod Period,
    ReportMetrics Current,
    ReportMetrics Previous,
    IReadOnlyDictionary<ReportDimension, IReadOnlyList<BreakdownRow>> Breakdowns,
    IReadOnlyList<TrendPoint> Trend,
    DateTimeOffset GeneratedAt);
