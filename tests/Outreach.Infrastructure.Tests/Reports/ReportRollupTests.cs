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
        // The team's 30.00 a month over 7 of November's 30 days; spend against it is messaging cost only.
        Assert.Equal(7.00m, m.Budget);
        Assert.Equal((double)(0.0948m / 7.00m), m.SpendAgainstBudget);
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
        Assert.Equal(Math.Round(30m * 6 / 31 + 30m * 1 / 30, 2), m.Budget); // 26 to 31 October and 1 November
        Assert.Equal(6.81m, m.Budget);
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
    public async Task Every_breakdown_adds_up_to_the_totals()
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

        Assert.Equal(Enum.GetValues<ReportDimension>(), report.Breakdowns.Keys.Order().ToArray());
        foreach (var (dimension, rows) in report.Breakdowns)
        {
            Assert.True(rows.Sum(r => r.Current.Sent) == report.Current.Sent, $"{dimension}: sent");
            Assert.True(rows.Sum(r => r.Current.Replies) == report.Current.Replies, $"{dimension}: replies");
            Assert.True(rows.Sum(r => r.Current.HotLeads) == report.Current.HotLeads, $"{dimension}: hot leads");
            Assert.True(rows.Sum(r => r.Current.MessagingCost) == report.Current.MessagingCost, $"{dimension}: cost");
            Assert.True(rows.Sum(r => r.Previous.Sent) == report.Previous.Sent, $"{dimension}: previous sent");
            Assert.True(rows.Sum(r => r.Previous.Replies) == report.Previous.Replies, $"{dimension}: previous replies");
            Assert.True(rows.Sum(r => r.Current.HumanResponses) == report.Current.HumanResponses, $"{dimension}: human responses");
            Assert.True(rows.Sum(r => r.Current.AwaitingResponse) == report.Current.AwaitingResponse, $"{dimension}: awaiting");
        }
    }

    [Fact]
    public async Task The_campaign_breakdown_credits_sends_to_their_campaign_and_replies_to_the_campaign_of_the_last_send()
    {
        var report = await data.RollupAsync(data.Team, ReportDataset.Week);
        var rows = report.Breakdowns[ReportDimension.Campaign].ToDictionary(r => r.Label);

        Assert.Equal(["Fall follow-up", "No campaign (manual and automated)", "Spring outreach"], rows.Keys.Order().ToArray());
        var spring = rows["Spring outreach"].Current;
        var fall = rows["Fall follow-up"].Current;
        var none = rows["No campaign (manual and automated)"].Current;
        // Spring: C1's and C5's first touches; the interest, the question and the call-back answer them; C1 and C5 waited 30 and 10 minutes.
        Assert.Equal((2, 2, 0, 3, 3, 1, 2), (spring.Sent, spring.Delivered, spring.Failed, spring.Replies, spring.PositiveReplies, spring.HotLeads, spring.HumanResponses));
        Assert.Equal(TimeSpan.FromMinutes(20), spring.MedianResponseTime);
        Assert.Equal(2 * 0.0079m, spring.MessagingCost);
        // Fall: C3's four sends in the week (refused, undelivered, two delivered); the opt-out answers the third.
        Assert.Equal((4, 2, 2, 1, 1, 0), (fall.Sent, fall.Delivered, fall.Failed, fall.Replies, fall.OptOuts, fall.HumanResponses));
        Assert.Equal(3 * 0.0079m, fall.MessagingCost);
        // No campaign: what Alice, Bob and the auto-reply sent; the e-mail (after Alice's) and the no (after Bob's), which waits still.
        Assert.Equal((6, 6, 2, 1, 1, 1), (none.Sent, none.Delivered, none.Replies, none.EmailsCaptured, none.HumanResponses, none.AwaitingResponse));
        Assert.Equal(0.0158m + 5 * 0.0079m, none.MessagingCost);
        // A campaign's budget is its cap; a campaign without one and the rest have none.
        Assert.Equal(5.00m, spring.Budget);
        Assert.Equal((double)(2 * 0.0079m / 5.00m), spring.SpendAgainstBudget);
        Assert.Null(fall.Budget);
        Assert.Null(none.SpendAgainstBudget);
        Assert.Null(spring.EnrichmentCost);
        // The week before: Spring's two steps to Pat Two and the reply after the second; Fall's 23:59 send.
        Assert.Equal((2, 1), (rows["Spring outreach"].Previous.Sent, rows["Spring outreach"].Previous.Replies));
        Assert.Equal(1, rows["Fall follow-up"].Previous.Sent);
        Assert.Equal(5.00m, rows["Spring outreach"].Previous.Budget);
    }

    [Fact]
    public async Task Rates_per_message_are_left_out_of_the_rows_that_gather_replies_to_messages_they_do_not_count()
    {
        var report = await data.RollupAsync(data.Team, ReportDataset.Week);
        var campaigns = report.Breakdowns[ReportDimension.Campaign].ToDictionary(r => r.Label, r => r.Current);
        var steps = report.Breakdowns[ReportDimension.Step].ToDictionary(r => r.Label, r => r.Current);
        var agents = report.Breakdowns[ReportDimension.Agent].ToDictionary(r => r.Label, r => r.Current);
        var states = report.Breakdowns[ReportDimension.State].ToDictionary(r => r.Label, r => r.Current);

        // No campaign: 6 delivered, 2 replies, one of them to nothing the row counts; no rate or cost per reply.
        var none = campaigns["No campaign (manual and automated)"];
        Assert.Equal((2, 6), (none.Replies, none.Delivered));
        Assert.Equal((null, null, null, null), (none.ReplyRate, none.OptOutRate, none.CostPerReply, none.CostPerHotLead));
        Assert.Null(steps["No campaign (manual and automated)"].ReplyRate);
        Assert.Null(agents["Automated (no agent)"].ReplyRate);
        // What stays within one population is still shown there.
        Assert.Equal(1.0, none.DeliveryRate);
        Assert.Equal(1.0 / 2, none.CaptureRate);
        // A campaign's replies answer its own messages: Spring's three replies to two deliveries are 150 %.
        Assert.Equal(3.0 / 2, campaigns["Spring outreach"].ReplyRate);
        Assert.Equal(1.0 / 2, campaigns["Fall follow-up"].OptOutRate);
        Assert.Equal(2.0 / 1, steps["Spring outreach · step 1"].ReplyRate);
        Assert.Equal(1.0 / 3, agents["Alice Agent"].ReplyRate);
        // A thread's keys hold its replies and its messages alike, a thread without a state too.
        Assert.Equal(1.0 / 1, states["(not known)"].ReplyRate);
        Assert.Equal(report.Current.Replies / (double)report.Current.Delivered, report.Current.ReplyRate);
    }

    [Fact]
    public async Task The_step_breakdown_counts_from_one_and_credits_replies_to_the_step_they_answer()
    {
        var report = await data.RollupAsync(data.Team, ReportDataset.Week);
        var rows = report.Breakdowns[ReportDimension.Step].ToDictionary(r => r.Label, r => r.Current);

        var sent = rows.ToDictionary(r => r.Key, r => (r.Value.Sent, r.Value.Failed, r.Value.Replies, r.Value.OptOuts, r.Value.HumanResponses));
        Assert.Equal(new Dictionary<string, (long, long, long, long, long)>
        {
            ["Spring outreach · step 1"] = (1, 0, 2, 0, 1), // C1: interest and question, one streak
            ["Spring outreach · step 2"] = (1, 0, 1, 0, 1), // C5: the call-back
            ["Fall follow-up · step 1"] = (1, 1, 0, 0, 0),  // refused
            ["Fall follow-up · step 2"] = (1, 1, 0, 0, 0),  // undelivered
            ["Fall follow-up · step 3"] = (1, 0, 1, 1, 0),  // delivered, answered by the opt-out
            ["Fall follow-up · step 4"] = (1, 0, 0, 0, 0),  // 23:59 on the last day; step 5 at midnight is outside
            ["No campaign (manual and automated)"] = (6, 0, 2, 0, 1),
        }, sent);
        Assert.Equal(0m, rows["Fall follow-up · step 1"].MessagingCost);
        Assert.Equal(1, rows["Spring outreach · step 1"].HotLeads);
        Assert.Null(rows["Spring outreach · step 1"].Budget);
        var previous = report.Breakdowns[ReportDimension.Step].ToDictionary(r => r.Label, r => (r.Previous.Sent, r.Previous.Replies));
        Assert.Equal((1, 1), previous["Spring outreach · step 2"]); // Pat Two's interest came after the second step
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
        Assert.Null(report.Current.Budget); // the team has no monthly budget, and the report team's is not its own
        Assert.Equal(["No campaign (manual and automated)"], report.Breakdowns[ReportDimension.Step].Select(r => r.Label).ToArray());
    }
}
