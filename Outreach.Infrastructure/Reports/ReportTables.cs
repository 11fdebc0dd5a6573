using Outreach.Domain.Reports;
using Outreach.Infrastructure.Reports.Xlsx;

namespace Outreach.Infrastructure.Reports;

/// <summary>
/// The roll-up as tables: the Summary, the daily trend and one table per breakdown, each with its columns and
/// rows. The workbook writes them as sheets, the CSV export as files, and the tests read them back from both.
/// </summary>
public static class ReportTables
{
    public const string SummarySlug = "summary";
    public const string TrendSlug = "trend";

    public static IReadOnlyList<string> Slugs { get; } =
        [SummarySlug, TrendSlug, .. Enum.GetValues<ReportDimension>().Select(BreakdownSlug)];

    public static string BreakdownSlug(ReportDimension dimension) => "by-" + dimension switch
    {
        ReportDimension.SendingNumber => "sending-number",
        ReportDimension.RevenueTier => "revenue-tier",
        ReportDimension.Step => "campaign-step",
        _ => dimension.ToString().ToLowerInvariant(),
    };

    public static string Title(string slug) => slug switch
    {
        SummarySlug => "Summary",
        TrendSlug => "Trend",
        _ => "By " + Enum.GetValues<ReportDimension>().First(d => BreakdownSlug(d) == slug).Label().ToLowerInvariant(),
    };

    public static IReadOnlyList<XlsxColumn> Columns(string slug) => slug switch
    {
        SummarySlug => [new("Metric", XlsxKind.Text, 38), new("This period", XlsxKind.Number, 16), new("Previous period", XlsxKind.Number, 16), new("Change", XlsxKind.Percent, 10)],
        TrendSlug => [new("Day", XlsxKind.Date), .. TrendMetrics.Select(m => new XlsxColumn(m.Label, KindOf(m.Format)))],
        _ => BreakdownColumns(Enum.GetValues<ReportDimension>().First(d => BreakdownSlug(d) == slug)),
    };

    public static IEnumerable<object?[]> Rows(string slug, ReportRollupResult report) => slug switch
    {
        SummarySlug => SummaryRows(report),
        TrendSlug => report.Trend.Select(p => (object?[])[p.Day, .. TrendMetrics.Select(m => CellValue(m, p.Metrics))]),
        _ => BreakdownRows(Enum.GetValues<ReportDimension>().First(d => BreakdownSlug(d) == slug), report),
    };

    private static IReadOnlyList<XlsxColumn> BreakdownColumns(ReportDimension dimension) =>
        [new(dimension.Label(), XlsxKind.Text), .. ReportMetricCatalog.BreakdownFor(dimension).Select(m => new XlsxColumn(m.Label, KindOf(m.Format)))];

    private static IEnumerable<object?[]> BreakdownRows(ReportDimension dimension, ReportRollupResult report) =>
        report.Breakdowns[dimension].Select(r => (object?[])[r.Label, .. ReportMetricCatalog.BreakdownFor(dimension).Select(m => CellValue(m, r.Current))]);

    /// <summary>What the trend shows per day (the percentiles of a day are not worth a column).</summary>
    public static IReadOnlyList<MetricDefinition> TrendMetrics { get; } =
        new[] { "sent", "delivered", "failed", "replies", "positive_replies", "opt_outs", "emails_captured", "hot_leads", "messaging_cost", "enrichment_cost", "total_cost" }
        .Select(ReportMetricCatalog.Get).ToArray();

    public static XlsxKind KindOf(MetricFormat format) => format switch
    {
        MetricFormat.Count => XlsxKind.Integer,
        MetricFormat.Percent => XlsxKind.Percent,
        MetricFormat.Currency => XlsxKind.Currency,
        MetricFormat.Duration => XlsxKind.Duration,
        _ => XlsxKind.Number,
    };

    private static IEnumerable<object?[]> SummaryRows(ReportRollupResult report)
    {
        var period = report.Period;
        yield return ["First day", new XlsxCell(period.FirstDay, XlsxKind.Date), new XlsxCell(period.Previous.FirstDay, XlsxKind.Date), null];
        yield return ["Last day", new XlsxCell(period.LastDay, XlsxKind.Date), new XlsxCell(period.Previous.LastDay, XlsxKind.Date), null];
        foreach (var metric in ReportMetricCatalog.All)
        {
            var kind = KindOf(metric.Format);
            var change = ReportMetricCatalog.Change(metric.Number(report.Current), metric.Number(report.Previous));
            yield return [metric.Label, new XlsxCell(CellValue(metric, report.Current), kind), new XlsxCell(CellValue(metric, report.Previous), kind), change];
        }
    }

    private static object? CellValue(MetricDefinition metric, ReportMetrics metrics) => metric.Value(metrics);
}
