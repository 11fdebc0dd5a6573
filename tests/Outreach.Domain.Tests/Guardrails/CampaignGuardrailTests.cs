using Outreach.Domain.Guardrails;

namespace Outreach.Domain.Tests.Guardrails;

/// <summary>The campaign guardrails: caps, budgets, approval, replies, duplicates, and the campaign's days in the recipient's time.</summary>
public class CampaignGuardrailTests
{
    // Tuesday 10 June 2025, 15:00 UTC: 11:00 in New York.
    private static readonly DateTimeOffset Midday = new(2025, 6, 10, 15, 0, 0, TimeSpan.Zero);
    private static readonly SendWindow Weekdays = new(new TimeOnly(9, 0), new TimeOnly(18, 0),
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday });

    private static CampaignFacts Campaign(int step = 0) => new(
        KillSwitch: false, Running: true, Window: Weekdays, Step: step, MaxFollowUps: 2, StopOnReply: true, ProspectReplied: false,
        NeedsApproval: false, SentToday: 0, DailyCap: 100, NextDayStartsAt: Midday.AddHours(13), SentLastMinute: 0, OldestInLastMinute: null,
        ThrottlePerMinute: 60, Budget: new BudgetFacts(10m, 0m, 0.01m));

    private static GuardrailRequest Request(DateTimeOffset now, CampaignFacts campaign, string zone = "America/New_York") =>
        new(now, zone, false, false, false, false, null)
        {
            Campaign = campaign,
            Frequency = new ProspectFrequency(0, null, 1, 0, null, 3),
            TeamBudget = new BudgetFacts(100m, 0m, 0.01m),
        };

    [Fact]
    public void A_campaign_message_inside_every_limit_is_allowed() =>
        Assert.True(GuardrailPolicy.Evaluate(Request(Midday, Campaign())).IsAllowed);

    public static TheoryData<string, GuardrailReason> Blocks => new()
    {
        { "kill", GuardrailReason.CampaignKillSwitch },
        { "paused", GuardrailReason.CampaignNotRunning },
        { "replied", GuardrailReason.StopOnReply },
        { "followups", GuardrailReason.MaxFollowUps },
        { "approval", GuardrailReason.AwaitingApproval },
        { "duplicate", GuardrailReason.DuplicateContent },
        { "budget", GuardrailReason.CampaignBudget },
        { "team-budget", GuardrailReason.TeamBudget },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Each_campaign_block_names_its_reason(string which, GuardrailReason expected)
    {
        var campaign = Campaign();
        var request = Request(Midday, campaign);
        request = which switch
        {
            "kill" => request with { Campaign = campaign with { KillSwitch = true } },
            "paused" => request with { Campaign = campaign with { Running = false } },
            "replied" => request with { Campaign = campaign with { ProspectReplied = true } },
            "followups" => request with { Campaign = campaign with { Step = 3 } },
            "approval" => request with { Campaign = campaign with { NeedsApproval = true } },
            "duplicate" => request with { DuplicateContent = true },
            "budget" => request with { Campaign = campaign with { Budget = new BudgetFacts(10m, 9.995m, 0.01m) } },
            "team-budget" => request with { TeamBudget = new BudgetFacts(100m, 99.995m, 0.01m) },
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };

        var decision = GuardrailPolicy.Evaluate(request);

        Assert.Equal(GuardrailOutcome.Block, decision.Outcome);
        Assert.Equal(expected, decision.Reason);
    }

    [Fact]
    public void A_reply_does_not_stop_a_campaign_that_keeps_going_after_replies() =>
        Assert.True(GuardrailPolicy.Evaluate(Request(Midday, Campaign() with { ProspectReplied = true, StopOnReply = false })).IsAllowed);

    [Fact]
    public void Approval_holds_only_the_first_contact() =>
        Assert.True(GuardrailPolicy.Evaluate(Request(Midday, Campaign(step: 1) with { NeedsApproval = true })).IsAllowed);

    [Fact]
    public void The_last_allowed_follow_up_goes_and_the_one_after_is_blocked()
    {
        Assert.True(GuardrailPolicy.Evaluate(Request(Midday, Campaign(step: 2))).IsAllowed);
        Assert.Equal(GuardrailReason.MaxFollowUps, GuardrailPolicy.Evaluate(Request(Midday, Campaign(step: 3))).Reason);
    }

    [Fact]
    public void A_budget_spent_exactly_to_the_limit_still_allows_the_message_that_reaches_it()
    {
        var campaign = Campaign() with { Budget = new BudgetFacts(10m, 9.99m, 0.01m) };
        Assert.True(GuardrailPolicy.Evaluate(Request(Midday, campaign)).IsAllowed);
    }

    [Fact]
    public void A_block_outranks_a_deferral_even_at_night()
    {
        var night = Midday.AddHours(12);
        var decision = GuardrailPolicy.Evaluate(Request(night, Campaign() with { KillSwitch = true }));
        Assert.Equal(GuardrailReason.CampaignKillSwitch, decision.Reason);
    }

    [Fact]
    public void On_a_day_the_campaign_does_not_send_the_message_waits_for_the_next_allowed_morning()
    {
        // Saturday 14 June 2025, 15:00 UTC = 11:00 in New York; the campaign sends on weekdays only.
        var saturday = new DateTimeOffset(2025, 6, 14, 15, 0, 0, TimeSpan.Zero);

        var decision = GuardrailPolicy.Evaluate(Request(saturday, Campaign()));

        Assert.Equal(GuardrailOutcome.Defer, decision.Outcome);
        Assert.Equal(GuardrailReason.QuietHours, decision.Reason);
        // Monday 09:00 EDT = 13:00 UTC.
        Assert.Equal(new DateTimeOffset(2025, 6, 16, 13, 0, 0, TimeSpan.Zero), decision.DeferUntil);
    }

    [Fact]
    public void The_days_of_the_week_are_the_recipients_not_UTCs()
    {
        // Tuesday 17 June 2025 03:00 UTC is still Monday 20:00 in Los Angeles; a Monday-only 09:00-21:00 window allows it.
        var mondayOnly = new SendWindow(new TimeOnly(9, 0), new TimeOnly(21, 0), new HashSet<DayOfWeek> { DayOfWeek.Monday });
        var instant = new DateTimeOffset(2025, 6, 17, 3, 0, 0, TimeSpan.Zero);

        var losAngeles = GuardrailPolicy.Evaluate(Request(instant, Campaign() with { Window = mondayOnly }, "America/Los_Angeles"));
        var newYork = GuardrailPolicy.Evaluate(Request(instant, Campaign() with { Window = mondayOnly }, "America/New_York"));

        Assert.True(losAngeles.IsAllowed);
        Assert.Equal(GuardrailOutcome.Defer, newYork.Outcome);
        // Next Monday 09:00 EDT.
        Assert.Equal(new DateTimeOffset(2025, 6, 23, 13, 0, 0, TimeSpan.Zero), newYork.DeferUntil);
    }

    [Fact]
    public void A_deferral_across_the_autumn_clock_change_lands_on_the_local_opening_time()
    {
        // Saturday 1 November 2025, 23:00 EDT (03:00 UTC Sunday); clocks go back on Sunday; weekdays only.
        var saturdayNight = new DateTimeOffset(2025, 11, 2, 3, 0, 0, TimeSpan.Zero);

        var decision = GuardrailPolicy.Evaluate(Request(saturdayNight, Campaign()));

        // Monday 3 November 09:00 EST = 14:00 UTC (not 13:00, the summer offset).
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 14, 0, 0, TimeSpan.Zero), decision.DeferUntil);
    }

    [Fact]
    public void Frequency_caps_count_across_campaigns_and_defer_until_the_oldest_send_leaves_the_window()
    {
        var oldest = Midday.AddHours(-20);
        var request = Request(Midday, Campaign()) with { Frequency = new ProspectFrequency(1, oldest, 1, 1, oldest, 3) };

        var decision = GuardrailPolicy.Evaluate(request);

        Assert.Equal(GuardrailReason.FrequencyCap, decision.Reason);
        Assert.Equal(oldest.AddDays(1), decision.DeferUntil);
    }

    [Fact]
    public void The_weekly_cap_defers_a_week_after_the_oldest_send()
    {
        var oldest = Midday.AddDays(-6);
        var request = Request(Midday, Campaign()) with { Frequency = new ProspectFrequency(0, null, 1, 3, oldest, 3) };

        var decision = GuardrailPolicy.Evaluate(request);

        Assert.Equal(GuardrailReason.FrequencyCap, decision.Reason);
        Assert.Equal(oldest.AddDays(7), decision.DeferUntil);
    }

    [Fact]
    public void The_daily_cap_defers_to_the_teams_next_midnight_and_the_throttle_to_the_next_minute()
    {
        var capped = GuardrailPolicy.Evaluate(Request(Midday, Campaign() with { SentToday = 100 }));
        var throttled = GuardrailPolicy.Evaluate(Request(Midday, Campaign() with { SentLastMinute = 60, OldestInLastMinute = Midday.AddSeconds(-45) }));

        Assert.Equal((GuardrailReason.CampaignDailyCap, Midday.AddHours(13)), (capped.Reason, capped.DeferUntil!.Value));
        Assert.Equal((GuardrailReason.Throttle, Midday.AddSeconds(15)), (throttled.Reason, throttled.DeferUntil!.Value));
    }

    [Fact]
    public void A_stale_counter_never_defers_into_the_past()
    {
        var decision = GuardrailPolicy.Evaluate(Request(Midday, Campaign() with { SentLastMinute = 60, OldestInLastMinute = Midday.AddMinutes(-5) }));

        Assert.True(decision.DeferUntil > Midday);
    }

    [Fact]
    public void Manual_sends_carry_no_campaign_or_frequency_facts_and_are_not_capped()
    {
        var manual = new GuardrailRequest(Midday, "America/New_York", false, false, false, false, null);
        Assert.True(GuardrailPolicy.Evaluate(manual).IsAllowed);
    }
}
