using Outreach.Domain.Reports;
using Outreach.Infrastructure.Reports;

namespace Outreach.Infrastructure.Tests.Reports;

/// <summary>
/// The roll-up against <see cref="ReportDataset"/>, every expectation counted by hand from the seeded rows
/// (the comments say which rows make each number).
/// </summary>
public sealed class ReportRollupTests(ReportDataset data) : IClassFixture<ReportDataset>
{
    [Fact]
    public async Task The_weeks_totals_count_each_event_once_by_the_definitions()
    {
        var report = await data.RollupAsync(data.Team, ReportDataset.Week);
        var m = report.Current;

        // Sent: 13 outbound rows in the week minus the queued one, plus 23:59 on the last day; 00:00 the day after is out.
        Assert.Equal(12, m.Sent);
        Assert.Equal(10, m.Delivered);
        Assert.Equal(2, m.Failed); // refused + undelivered
        Assert.Equal(6, m.Replies);
        Assert.Equal(4, m.PositiveReplies); // interested, question, e-mail, call-back
        Assert.Equal(1, m.OptOuts);
        Assert.Equal(1, m.EmailsCaptured);
        // Pat One's first hot reply; Pat Two was hot the week before, Pat One's call-back is a repeat.
        Assert.Equal(1, m.HotLeads);
        // Streaks: C1 answered in 30 min (the question joins the first reply's streak), C2 in 2 h (the auto-reply
        // does not count), C5 in 10 min; C4's no waits; the opt-out waits for nobody.
        Assert.Equal(3, m.HumanResponses);
        Assert.Equal(1, m.AwaitingResponse);
        Assert.Equal(TimeSpan.FromMinutes(30), m.MedianResponseTime);
        Assert.Equal(TimeSpan.FromSeconds(1800 + 0.8 * (7200 - 1800)), m.P90ResponseTime); // linear between the 2nd and 3rd
        Assert.Equal(10 * 0.0079m + 0.0158m, m.MessagingCost);
        Assert.Equal(0.10m, m.EnrichmentCost);
        Assert.Equal(0.1948m, m.TotalCost);
        Assert.Equal(10.0 / 12, m.DeliveryRate);
        Assert.Equal(6.0 / 10, m.ReplyRate);
        Assert.Equal(4.0 / 6, m.PositiveRate);
        Assert.Equal(1.0 / 10, m.OptOutRate);
        Assert.Equal(1.0 / 6, m.CaptureRate);
        Assert.Equal(0.0325m, m.CostPerReply);
        Assert.Equal(0.1948m, m.CostPerEmailCaptured);
        Assert.Equal(0.1948m, m.CostPerHotLead);
        Assert.Null(m.SpendAgainstBudget);
    }

    [Fact]
    public async Task The_previous_week_is_the_seven_days_before_with_its_own_counts()
    {
        var report = await data.RollupAsync(data.Team, ReportDataset.Week);
        var m = report.Previous;

        Assert.Equal(new DateOnly(2026, 10, 26), report.Period.Previous.FirstDay);
        Assert.Equal(3, m.Sent); // two to Pat Two, and 23:59 on 1 November to Pat Four
        Assert.Equal(3, m.Delivered);
        Assert.Equal(1, m.Replies);
        Assert.Equal(1, m.HotLeads);
        Assert.Equal(1, m.HumanResponses);
        // 29 October 15:30 to Alice's message on 4 November 16:00: six days and thirty minutes.
        Assert.Equal(TimeSpan.FromDays(6) + TimeSpan.FromMinutes(30), m.MedianResponseTime);
        Assert.Equal(3 * 0.0079m, m.MessagingCost);
        Assert.Equal(0.05m, m.EnrichmentCost);
    }

    [Fact]
    public async Task The_agent_breakdown_credits_sends_to_the_sender_replies_to_the_last_sender_and_responses_to_the_responder()
    {
        var report = await data.RollupAsync(data.Team, ReportDataset.Week);
        var rows = report.Breakdowns[ReportDimension.Agent].ToDictionary(r => r.Label);

        Assert.Equal(["Alice Agent", "Automated (no agent)", "Bob Agent"], rows.Keys.Order().ToArray());
        var alice = rows["Alice Agent"].Current;
        var bob = rows["Bob Agent"].Current;
        var automated = rows["Automated (no agent)"].Current;
        Assert.Equal((3, 2, 7), (alice.Sent, bob.Sent, automated.Sent));
        Assert.Equal((1, 1, 4), (alice.Replies, bob.Replies, automated.Replies));
        Assert.Equal((2, 1, 0), (alice.HumanResponses, bob.HumanResponses, automated.HumanResponses));
        Assert.Equal(TimeSpan.FromMinutes(20), alice.MedianResponseTime); // 10 and 30 minutes
        Assert.Equal(TimeSpan.FromHours(2), bob.MedianResponseTime);
        Assert.Equal(1, automated.AwaitingResponse); // nobody answered Pat Four
        Assert.Null(alice.EnrichmentCost);
    }

    [Fact]
    public async Task Breakdowns_by_number_state_sector_and_tier_add_up_to_the_totals()
    {
        var report = await data.RollupAsync(data.Team, ReportDataset.Week);

        var numbers = report.Breakdowns[ReportDimension.SendingNumber].ToDictionary(r => r.Label, r => r.Current.Sent);
        Assert.Equal(new Dictionary<string, long> { ["+15122400301 (Austin)"] = 5, ["+12142400302 (Dallas)"] = 7 }, numbers);
        var states = report.Breakdowns[ReportDimension.State].ToDictionary(r => r.Label, r => (r.Current.Sent, r.Current.Replies, r.Current.OptOuts));
        Assert.Equal(new Dictionary<string, (long, long, long)> { ["TX"] = (7, 4, 0), ["CA"] = (4, 1, 1), ["(not known)"] = (1, 1, 0) }, states);
        var sectors = report.Breakdowns[ReportDimension.Sector].ToDictionary(r => r.Label, r => r.Current.Sent);
        Assert.Equal(new Dictionary<string, long> { ["Construction"] = 8, ["Retail"] = 3, ["(not known)"] = 1 }, sectors);
        var tiers = report.Breakdowns[ReportDimension.RevenueTier].ToDictionary(r => r.Label, r => r.Current.Sent);
        Assert.Equal(new Dictionary<string, long> { ["MainStreet"] = 4, ["Growth"] = 3, ["(not known)"] = 5 }, tiers);

        foreach (var (dimension, rows) in report.Breakdowns)
        {
            Assert.True(rows.Sum(r => r.Current.Sent) == report.Current.Sent, $"{dimension}: sent");
            Assert.True(rows.Sum(r => r.Current.Replies) == report.Current.Replies, $"{dimension}: replies");
            Assert.True(rows.Sum(r => r.Current.HotLeads) == report.Current.HotLeads, $"{dimension}: hot leads");
            Assert.True(rows.Sum(r => r.Current.MessagingCost) == report.Current.MessagingCost, $"{dimension}: cost");
            Assert.True(rows.Sum(r => r.Previous.Sent) == report.Previous.Sent, $"{dimension}: previous sent");
        }
    }

    [Fact]
    public async Task The_trend_has_every_day_of_the_period_in_the_teams_time_zone()
    {
        var report = await data.RollupAsync(data.Team, ReportDataset.Week);

        Assert.Equal(ReportDataset.Week.EachDay().ToArray(), report.Trend.Select(p => p.Day).ToArray());
        var sent = report.Trend.ToDictionary(p => p.Day.Day, p => p.Metrics.Sent);
        Assert.Equal(new Dictionary<int, long> { [2] = 0, [3] = 2, [4] = 3, [5] = 2, [6] = 1, [7] = 1, [8] = 3 }, sent);
        Assert.Equal(0.10m, report.Trend.Single(p => p.Day.Day == 5).Metrics.EnrichmentCost);
        Assert.Equal(report.Current.Replies, report.Trend.Sum(p => p.Metrics.Replies));
    }

    [Fact]
    public async Task Another_team_sees_only_its_own_rows()
    {
        var report = await data.RollupAsync(data.OtherTeam, ReportDataset.Week);

        Assert.Equal(1, report.Current.Sent);
        Assert.Equal(1, report.Current.Replies);
        Assert.Equal(1, report.Current.HotLeads);
        Assert.Equal(0.5m, report.Current.MessagingCost);
        Assert.Equal(1.00m, report.Current.EnrichmentCost);
        Assert.Equal(0, report.Previous.Sent);
    }
}
