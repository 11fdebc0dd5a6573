using Outreach.Domain.Common;
using Outreach.Domain.Inbox;
using Outreach.Domain.Reports;

namespace Outreach.Domain.Tests.Reports;

public sealed class ReportMetricsTests
{
    [Fact]
    public void Rates_divide_by_their_own_denominators_and_are_empty_without_one()
    {
        var m = new ReportMetrics { Sent = 200, Delivered = 160, Replies = 40, PositiveReplies = 10, OptOuts = 8, EmailsCaptured = 4, HotLeads = 5, MessagingCost = 1.58m, EnrichmentCost = 0.42m };

        Assert.Equal(0.8, m.DeliveryRate);
        Assert.Equal(0.25, m.ReplyRate);
        Assert.Equal(0.25, m.PositiveRate);
        Assert.Equal(0.05, m.OptOutRate);
        Assert.Equal(0.1, m.CaptureRate);
        Assert.Equal(2.00m, m.TotalCost);
        Assert.Equal(0.05m, m.CostPerReply);
        Assert.Equal(0.5m, m.CostPerEmailCaptured);
        Assert.Equal(0.4m, m.CostPerHotLead);
        Assert.Null(ReportMetrics.Empty.DeliveryRate);
        Assert.Null(ReportMetrics.Empty.CostPerHotLead);
        Assert.Equal(1.58 / 4, (m with { Budget = 4m }).SpendAgainstBudget); // messaging only: budgets cap sending
    }

    [Fact]
    public void Rates_per_message_are_empty_where_the_replies_are_not_answers_to_the_messages_counted()
    {
        // A "No campaign" row of the tour: one message sent, 31 replies, most to nothing it sent.
        var m = new ReportMetrics { Sent = 1, Delivered = 1, Replies = 31, PositiveReplies = 3, OptOuts = 10, EmailsCaptured = 2, HotLeads = 1, MessagingCost = 0.0079m, RepliesAnswerSends = false };

        Assert.Null(m.ReplyRate);
        Assert.Null(m.OptOutRate);
        Assert.Null(m.CostPerReply);
        Assert.Null(m.CostPerEmailCaptured);
        Assert.Null(m.CostPerHotLead);
        // Rates within one population still hold.
        Assert.Equal(1.0, m.DeliveryRate);
        Assert.Equal(3.0 / 31, m.PositiveRate);
        Assert.Equal(2.0 / 31, m.CaptureRate);
        Assert.Null(ReportMetricCatalog.Get("reply_rate").Number(m));
        Assert.Equal("–", ReportMetricCatalog.Display(MetricFormat.Percent, ReportMetricCatalog.Get("opt_out_rate").Number(m)));
        // A real campaign can have more replies than messages (two answers to one): that is shown.
        Assert.Equal(2.0, (m with { Replies = 2, RepliesAnswerSends = true }).ReplyRate);
    }

    [Theory]
    [InlineData(ReportDimension.Campaign, true, true)]
    [InlineData(ReportDimension.Campaign, false, false)]
    [InlineData(ReportDimension.Step, false, false)]
    [InlineData(ReportDimension.Agent, false, false)]
    [InlineData(ReportDimension.Agent, true, true)]
    [InlineData(ReportDimension.SendingNumber, false, true)]
    [InlineData(ReportDimension.State, false, true)]
    [InlineData(ReportDimension.RevenueTier, true, true)]
    public void Only_the_rows_without_a_campaign_step_or_agent_gather_replies_to_messages_they_do_not_count(ReportDimension dimension, bool hasKey, bool expected) =>
        Assert.Equal(expected, dimension.RepliesAnswerSends(hasKey));

    [Fact]
    public void Positive_and_hot_follow_the_inboxs_priorities()
    {
        Assert.Equal([ReplyKind.EmailCaptured, ReplyKind.CalledLine, ReplyKind.Interested], ReplyMeaning.HotKinds);
        Assert.Equal([ReplyKind.EmailCaptured, ReplyKind.CalledLine, ReplyKind.Interested, ReplyKind.Question, ReplyKind.ThankYou], ReplyMeaning.PositiveKinds);
        Assert.All(ReplyMeaning.HotKinds, k => Assert.Contains(k, ReplyMeaning.PositiveKinds));
    }

    [Fact]
    public void Every_metric_has_a_unique_key_and_the_change_is_relative_to_the_previous_value()
    {
        Assert.Equal(ReportMetricCatalog.All.Count, ReportMetricCatalog.All.Select(m => m.Key).Distinct().Count());
        Assert.Equal(0.5, ReportMetricCatalog.Change(150, 100));
        Assert.Equal(-0.25, ReportMetricCatalog.Change(75, 100));
        Assert.Null(ReportMetricCatalog.Change(5, 0));
        Assert.Equal("1:30:05", ReportMetricCatalog.Display(MetricFormat.Duration, 5405));
        Assert.Equal("12.5%", ReportMetricCatalog.Display(MetricFormat.Percent, 0.125));
        Assert.Equal("$1,234.50", ReportMetricCatalog.Display(MetricFormat.Currency, 1234.5));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("+15125550123", "+15125550123")]
    [InlineData("-.5", "'-.5")]
    [InlineData("plain", "plain")]
    public void Spreadsheet_cells_quote_formulas_but_not_plain_numbers(string text, string expected) =>
        Assert.Equal(expected, SpreadsheetSafe.Cell(text));
}
