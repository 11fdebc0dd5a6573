using Outreach.Domain.Campaigns;
using Outreach.Domain.Common;

namespace Outreach.Domain.Tests.Campaigns;

public class CampaignTransitionsTests
{
    private sealed class Clock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
    }

    public static TheoryData<CampaignState, CampaignState, bool> Table()
    {
        var allowed = new HashSet<(CampaignState, CampaignState)>
        {
            (CampaignState.Draft, CampaignState.Scheduled), (CampaignState.Draft, CampaignState.Running), (CampaignState.Draft, CampaignState.Cancelled),
            (CampaignState.Scheduled, CampaignState.Draft), (CampaignState.Scheduled, CampaignState.Running), (CampaignState.Scheduled, CampaignState.Cancelled),
            (CampaignState.Running, CampaignState.Paused), (CampaignState.Running, CampaignState.Cancelled), (CampaignState.Running, CampaignState.Completed),
            (CampaignState.Paused, CampaignState.Running), (CampaignState.Paused, CampaignState.Cancelled),
        };
        var data = new TheoryData<CampaignState, CampaignState, bool>();
        foreach (var from in Enum.GetValues<CampaignState>())
        {
            foreach (var to in Enum.GetValues<CampaignState>())
            {
                data.Add(from, to, allowed.Contains((from, to)));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Only_the_sensible_transitions_exist(CampaignState from, CampaignState to, bool expected) =>
        Assert.Equal(expected, CampaignTransitions.IsAllowed(from, to));

    [Fact]
    public void A_refused_transition_says_why_and_changes_nothing()
    {
        var campaign = Campaign.Create(Guid.NewGuid(), Plan(), "tester", new Clock());

        var error = Assert.Throws<DomainException>(() => campaign.TransitionTo(CampaignState.Paused, null, new Clock()));

        Assert.Contains("draft campaign cannot become paused", error.Message);
        Assert.Equal(CampaignState.Draft, campaign.State);
    }

    [Fact]
    public void Scheduling_needs_a_start_time()
    {
        var campaign = Campaign.Create(Guid.NewGuid(), Plan(), "tester", new Clock());
        Assert.Throws<DomainException>(() => campaign.TransitionTo(CampaignState.Scheduled, null, new Clock()));
    }

    [Fact]
    public void The_kill_switch_pauses_a_running_campaign_and_only_a_resume_releases_it()
    {
        var campaign = Campaign.Create(Guid.NewGuid(), Plan(), "tester", new Clock());
        campaign.TransitionTo(CampaignState.Running, null, new Clock());

        campaign.EngageKillSwitch("Wrong template", "Ann", new Clock());

        Assert.Equal((CampaignState.Paused, true), (campaign.State, campaign.KillSwitchEngaged));
        Assert.Equal("Kill switch: Wrong template", campaign.PauseReason);
        campaign.TransitionTo(CampaignState.Running, null, new Clock());
        Assert.False(campaign.KillSwitchEngaged);
    }

    [Fact]
    public void The_kill_switch_stops_without_a_reason_and_takes_one_afterwards()
    {
        var campaign = Campaign.Create(Guid.NewGuid(), Plan(), "tester", new Clock());
        campaign.TransitionTo(CampaignState.Running, null, new Clock());

        campaign.EngageKillSwitch("  ", "Ann", new Clock());
        var before = campaign.PauseReason;
        campaign.ExplainKillSwitch("Wrong template", new Clock());

        Assert.Equal((CampaignState.Paused, true), (campaign.State, campaign.KillSwitchEngaged));
        Assert.Equal("Kill switch (no reason given yet)", before);
        Assert.Equal(("Wrong template", "Kill switch: Wrong template"), (campaign.KillSwitchReason, campaign.PauseReason));
        campaign.TransitionTo(CampaignState.Running, null, new Clock());
        Assert.Throws<DomainException>(() => campaign.ExplainKillSwitch("Too late", new Clock()));
    }

    [Fact]
    public void A_running_campaign_cannot_be_edited()
    {
        var campaign = Campaign.Create(Guid.NewGuid(), Plan(), "tester", new Clock());
        campaign.TransitionTo(CampaignState.Running, null, new Clock());
        Assert.Throws<DomainException>(() => campaign.ChangePlan(Plan(), new Clock()));
    }

    [Fact]
    public void A_plan_keeps_its_steps_and_audience_through_storage()
    {
        var plan = Plan() with { Steps = [new CampaignStep(0, "Hi {{first_name|there}}", "Hello {{first_name|there}}"), new CampaignStep(48, "Still there?")] };
        var campaign = Campaign.Create(Guid.NewGuid(), plan, "tester", new Clock());

        Assert.Equal(plan.Steps, campaign.StepList);
        Assert.Equal(["vip"], campaign.AudienceDefinition.Tags!);
        Assert.Equal(plan.Days.OrderBy(d => d), campaign.Plan.Days.OrderBy(d => d));
    }

    [Fact]
    public void An_invalid_plan_lists_every_problem()
    {
        var plan = Plan() with { Name = " ", Steps = [new CampaignStep(0, "Hi {{first_name"), new CampaignStep(0, "again")], ThrottlePerMinute = 0 };

        var problems = plan.Problems();

        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void The_estimate_counts_follow_ups_caps_and_the_days_of_the_week()
    {
        var plan = Plan() with { Steps = [new CampaignStep(0, "a"), new CampaignStep(24, "b"), new CampaignStep(24, "c")], MaxFollowUps = 1, DailyCap = 500 };

        var estimate = CampaignEstimate.For(plan, audience: 2_000, segmentsPerMessage: 1, costPerSegment: 0.01m);

        Assert.Equal(4_000, estimate.Messages);
        Assert.Equal(40m, estimate.Cost);
        // 8 sending days at 500 a day, on 5 days of 7: 12 calendar days.
        Assert.Equal(12, estimate.Days);
    }

    [Fact]
    public void Templates_render_with_fallbacks_for_missing_fields()
    {
        var body = CampaignMessage.Render("Hi {{first_name|there}}, about {{company|your company}}", new ProspectFields(null, null, null, "Acme", null, null, null));
        Assert.Equal("Hi there, about Acme", body);
    }

    private static CampaignPlan Plan() => CampaignPlan.Default("Spring outreach") with
    {
        Audience = new CampaignAudience(AudienceKind.Tags, Tags: ["vip"]),
        Steps = [new CampaignStep(0, "Hi {{first_name|there}}")],
    };
}
