namespace Outreach.Domain.Reports;

/// <summary>How a metric's value is shown: on the page, in the workbook's number formats, in CSV.</summary>
public enum MetricFormat
{
    Count,
    Percent,
    Currency,
    Duration,
}

/// <summary>
/// One metric as every output presents it. The page, the workbook and the e-mail all iterate this list over
/// the same <see cref="ReportMetrics"/>, so they show the same numbers under the same names.
/// </summary>
public sealed record MetricDefinition(string Key, string Label, MetricFormat Format, Func<ReportMetrics, object?> Value, bool HigherIsBetter = true)
{
    /// <summary>The value as a plain number (counts, ratios, money, durations in seconds), or null when there is none.</summary>
    public double? Number(ReportMetrics metrics) => Value(metrics) switch
    {
        null => null,
        long l => l,
        double d => d,
        decimal m => (double)m,
        TimeSpan t => t.TotalSeconds,
        var other => throw new InvalidOperationException($"Metric {Key} has an unexpected value type {other.GetType().Name}."),
    };
}

public static class ReportMetricCatalog
{
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        new("sent", "Sent", MetricFormat.Count, m => m.Sent),
        new("delivered", "Delivered", MetricFormat.Count, m => m.Delivered),
        new("failed", "Failed", MetricFormat.Count, m => m.Failed, HigherIsBetter: false),
        new("delivery_rate", "Delivery rate", MetricFormat.Percent, m => m.DeliveryRate),
        new("replies", "Replies", MetricFormat.Count, m => m.Replies),
        new("reply_rate", "Reply rate", MetricFormat.Percent, m => m.ReplyRate),
        new("positive_replies", "Positive replies", MetricFormat.Count, m => m.PositiveReplies),
        new("positive_rate", "Positive rate", MetricFormat.Percent, m => m.PositiveRate),
        new("opt_outs", "Opt-outs", MetricFormat.Count, m => m.OptOuts, HigherIsBetter: false),
        new("opt_out_rate", "Opt-out rate", MetricFormat.Percent, m => m.OptOutRate, HigherIsBetter: false),
        new("emails_captured", "E-mails captured", MetricFormat.Count, m => m.EmailsCaptured),
        new("capture_rate", "Capture rate", MetricFormat.Percent, m => m.CaptureRate),
        new("hot_leads", "Hot leads", MetricFormat.Count, m => m.HotLeads),
        new("human_responses", "Human responses", MetricFormat.Count, m => m.HumanResponses),
        new("awaiting_response", "Awaiting a human response", MetricFormat.Count, m => m.AwaitingResponse, HigherIsBetter: false),
        new("median_response", "Median time to first human response", MetricFormat.Duration, m => m.MedianResponseTime, HigherIsBetter: false),
        new("p90_response", "P90 time to first human response", MetricFormat.Duration, m => m.P90ResponseTime, HigherIsBetter: false),
        new("messaging_cost", "Messaging cost", MetricFormat.Currency, m => m.MessagingCost, HigherIsBetter: false),
        new("enrichment_cost", "Enrichment cost", MetricFormat.Currency, m => m.EnrichmentCost, HigherIsBetter: false),
        new("total_cost", "Total cost", MetricFormat.Currency, m => m.TotalCost, HigherIsBetter: false),
        new("cost_per_reply", "Cost per reply", MetricFormat.Currency, m => m.CostPerReply, HigherIsBetter: false),
        new("cost_per_email", "Cost per e-mail captured", MetricFormat.Currency, m => m.CostPerEmailCaptured, HigherIsBetter: false),
        new("cost_per_hot_lead", "Cost per hot lead", MetricFormat.Currency, m => m.CostPerHotLead, HigherIsBetter: false),
        new("budget", "Budget", MetricFormat.Currency, m => m.Budget),
        new("spend_against_budget", "Spend against budget", MetricFormat.Percent, m => m.SpendAgainstBudget, HigherIsBetter: false),
    ];

    /// <summary>The metrics of a breakdown row (enrichment is totals only; budget belongs to campaigns, see <see cref="BreakdownFor"/>).</summary>
    public static IReadOnlyList<MetricDefinition> Breakdown { get; } =
        All.Where(m => m.Key is not ("enrichment_cost" or "budget" or "spend_against_budget")).ToArray();

    private static readonly IReadOnlyList<MetricDefinition> CampaignBreakdown =
        All.Where(m => m.Key is not "enrichment_cost").ToArray();

    /// <summary>The columns of one breakdown: only a campaign has a budget of its own.</summary>
    public static IReadOnlyList<MetricDefinition> BreakdownFor(ReportDimension dimension) =>
        dimension == ReportDimension.Campaign ? CampaignBreakdown : Breakdown;

    public static MetricDefinition Get(string key) => All.First(m => m.Key == key);

    /// <summary>The change from the previous period as a fraction of it; null when either side is missing or the previous is zero.</summary>
    public static double? Change(double? current, double? previous) =>
        current is { } c && previous is { } p && p != 0 ? (c - p) / Math.Abs(p) : null;

    /// <summary>How the page shows a value; the workbook stores the number and lets Excel format it the same way.</summary>
    public static string Display(MetricFormat format, double? value) => value switch
    {
        null => "–",
        { } v => format switch
        {
            MetricFormat.Count => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            MetricFormat.Percent => (v * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%",
            MetricFormat.Currency => "$" + v.ToString("N2", System.Globalization.CultureInfo.InvariantCulture),
            MetricFormat.Duration => DisplayDuration(TimeSpan.FromSeconds(v)),
            _ => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    private static string DisplayDuration(TimeSpan t) =>
        $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}";
}
