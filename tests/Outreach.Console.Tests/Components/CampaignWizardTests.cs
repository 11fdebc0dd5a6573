using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Console.Features.Campaigns;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Common;
using Outreach.Infrastructure.Campaigns;

namespace Outreach.Console.Tests.Components;

/// <summary>
/// The campaign wizard's form on its own: the page's counting, preview and creation are replaced by functions the
/// test controls, so what is checked is the form: errors beside the fields, the 0-person block, the team's clock.
/// </summary>
public class CampaignWizardTests : ComponentTestContext
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly DateTimeOffset Now = new(2030, 2, 1, 15, 0, 0, TimeSpan.Zero);

    private readonly List<CampaignAudience> _counted = [];
    private readonly List<(CampaignPlan Plan, CampaignLaunch Launch)> _created = [];
    private Func<CampaignAudience, AudienceCount> _count = _ => new AudienceCount(12, 10, 1, 1, []);

    public CampaignWizardTests() => Services.AddSingleton<TimeProvider>(new FixedClock(Now));

    [Fact]
    public async Task The_audience_is_counted_live_as_tags_are_ticked_and_the_breakdown_says_who_is_left_out()
    {
        var cut = RenderWizard();

        await TickAsync(cut, "hot");

        cut.WaitForAssertion(() => Assert.Equal("10", cut.Find("[data-testid=audience-count]").TextContent));
        Assert.Contains("12 in the audience", cut.Find("[data-testid=audience-breakdown]").TextContent);
        Assert.Contains("1 without a phone number", cut.Find("[data-testid=audience-breakdown]").TextContent);
        await TickAsync(cut, "cold");
        cut.WaitForAssertion(() => Assert.Equal(2, _counted.Count));
        Assert.Equal(["cold", "hot"], _counted[^1].Tags);
    }

    [Fact]
    public async Task Unticking_every_tag_and_ticking_another_counts_the_new_audience()
    {
        var cut = RenderWizard();
        await TickAsync(cut, "hot");
        cut.WaitForAssertion(() => cut.Find("[data-testid=audience-count]"));

        await cut.Find("[data-testid=tag-option][data-tag='hot']").ChangeAsync(new ChangeEventArgs { Value = false });
        Assert.Empty(cut.FindAll("[data-testid=audience-count]"));
        await TickAsync(cut, "cold");

        cut.WaitForAssertion(() => Assert.Equal("10", cut.Find("[data-testid=audience-count]").TextContent));
        Assert.Equal(["cold"], _counted[^1].Tags);
    }

    [Fact]
    public async Task A_zero_person_audience_shows_a_warning_and_cannot_go_on()
    {
        _count = _ => new AudienceCount(4, 0, 3, 1, []);
        var cut = RenderWizard();
        await cut.Find("[data-testid=wizard-name]").InputAsync(new ChangeEventArgs { Value = "Nobody" });

        await TickAsync(cut, "hot");
        cut.WaitForAssertion(() => Assert.Contains("Nobody in this audience can be reached", cut.Find("[data-testid=audience-empty]").TextContent));
        await NextAsync(cut);

        Assert.NotEmpty(cut.FindAll("[data-testid=step-audience]"));
        Assert.Empty(cut.FindAll("[data-testid=step-messages]"));
    }

    [Fact]
    public async Task A_missing_name_is_said_beside_the_name_and_keeps_the_wizard_on_the_audience()
    {
        var cut = RenderWizard();
        await TickAsync(cut, "hot");

        await NextAsync(cut);

        Assert.Contains("Give the campaign a name.", FieldText(cut, "wizard-name"));
        Assert.Empty(cut.FindAll("[data-testid=step-messages]"));
    }

    [Theory]
    [InlineData("wizard-throttle", "200000", "From 1 to 120,000 messages a minute; 200,000 is out of range.")]
    [InlineData("wizard-throttle", "0", "From 1 to 120,000 messages a minute; 0 is out of range.")]
    [InlineData("wizard-daily-cap", "0", "From 1 to 10,000,000 messages a day; 0 is out of range.")]
    [InlineData("wizard-window-start", "6", "From 08:00 to 20:00")]
    [InlineData("wizard-window-end", "23", "From 09:00 to 21:00")]
    [InlineData("wizard-budget", "12.345", "A budget is in whole cents")]
    public async Task An_out_of_range_number_is_refused_beside_its_field_not_clamped(string field, string typed, string message)
    {
        var cut = await ToScheduleAsync();

        await cut.Find($"[data-testid={field}]").InputAsync(new ChangeEventArgs { Value = typed });
        await NextAsync(cut);

        Assert.Contains(message, FieldText(cut, field));
        Assert.Equal(typed, cut.Find($"[data-testid={field}]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=step-review]"));
    }

    [Fact]
    public async Task A_follow_up_delay_out_of_range_is_refused_beside_it()
    {
        var cut = RenderWizard();
        await AudienceAsync(cut);
        await NextAsync(cut);
        await cut.Find("[data-testid=add-follow-up]").ClickAsync(new());
        await cut.Find("[data-testid=follow-up-delay]").InputAsync(new ChangeEventArgs { Value = "2000" });
        await cut.Find("[data-testid=wizard-follow-up]").InputAsync(new ChangeEventArgs { Value = "Still interested?" });

        await NextAsync(cut);

        Assert.Contains("From 1 to 1,440 hours (60 days); 2,000 is out of range.", FieldText(cut, "follow-up-delay"));
        Assert.Empty(cut.FindAll("[data-testid=step-schedule]"));
    }

    [Fact]
    public async Task A_start_typed_on_the_team_clock_is_created_as_its_UTC_instant()
    {
        var cut = await ToScheduleAsync();
        Assert.Contains("America/Chicago", cut.Find("[data-testid=wizard-zone]").TextContent);

        await cut.Find("[data-testid=start-at-time]").ClickAsync(new());
        await cut.Find("[data-testid=wizard-start-date]").ChangeAsync(new ChangeEventArgs { Value = "2030-12-24" });
        await cut.Find("[data-testid=wizard-start-time]").ChangeAsync(new ChangeEventArgs { Value = "14:30" });

        Assert.Contains("2030-12-24 20:30 UTC", cut.Find("[data-testid=start-utc]").TextContent);
        await NextAsync(cut);
        cut.WaitForAssertion(() => Assert.Contains("America/Chicago", cut.Find("[data-testid=review-start]").TextContent));
        await cut.Find("[data-testid=wizard-schedule]").ClickAsync(new());

        var (plan, launch) = Assert.Single(_created);
        Assert.Equal(CampaignLaunch.Schedule, launch);
        Assert.Equal(new DateTimeOffset(2030, 12, 24, 20, 30, 0, TimeSpan.Zero), plan.StartAt);
    }

    [Fact]
    public async Task A_start_in_the_hour_the_clocks_skip_is_refused_beside_the_field()
    {
        var cut = await ToScheduleAsync();

        await cut.Find("[data-testid=start-at-time]").ClickAsync(new());
        await cut.Find("[data-testid=wizard-start-date]").ChangeAsync(new ChangeEventArgs { Value = "2030-03-10" });
        await cut.Find("[data-testid=wizard-start-time]").ChangeAsync(new ChangeEventArgs { Value = "02:30" });
        await NextAsync(cut);

        Assert.Contains("does not exist in America/Chicago", cut.Find("[data-testid=start-utc-problem]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=step-review]"));
    }

    [Fact]
    public async Task A_start_in_the_past_is_refused()
    {
        var cut = await ToScheduleAsync();

        await cut.Find("[data-testid=start-at-time]").ClickAsync(new());
        await cut.Find("[data-testid=wizard-start-date]").ChangeAsync(new ChangeEventArgs { Value = "2030-01-31" });
        await cut.Find("[data-testid=wizard-start-time]").ChangeAsync(new ChangeEventArgs { Value = "09:00" });
        await NextAsync(cut);

        Assert.Contains("in the past", cut.Find("[data-testid=start-utc-problem]").TextContent);
    }

    [Fact]
    public async Task The_review_summarises_the_plan_and_starting_now_creates_it_with_every_choice()
    {
        var cut = await ToScheduleAsync();
        await cut.Find("[data-testid=wizard-throttle]").InputAsync(new ChangeEventArgs { Value = "12" });
        await cut.Find("[data-day=saturday]").ChangeAsync(new ChangeEventArgs { Value = true });
        await cut.Find("[data-testid=wizard-budget]").InputAsync(new ChangeEventArgs { Value = "25" });
        await NextAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal("10", cut.Find("[data-testid=audience-size]").TextContent));
        Assert.Equal("Spring sellers", cut.Find("[data-testid=review-name]").TextContent);
        Assert.Contains("Prospects tagged hot", cut.Find("[data-testid=review-audience]").TextContent);
        Assert.Contains("When you start it", cut.Find("[data-testid=review-start]").TextContent);
        Assert.Contains("At most 12 a minute", cut.Find("[data-testid=review-pace]").TextContent);
        Assert.Contains("Mon, Tue, Wed, Thu, Fri, Sat", cut.Find("[data-testid=review-window]").TextContent);
        await cut.Find("[data-testid=wizard-start]").ClickAsync(new());

        var (plan, launch) = Assert.Single(_created);
        Assert.Equal(CampaignLaunch.StartNow, launch);
        Assert.Equal(("Spring sellers", 12, 25m, (DateTimeOffset?)null), (plan.Name, plan.ThrottlePerMinute, plan.Budget, plan.StartAt));
        Assert.Equal(["hot"], plan.Audience.Tags);
        Assert.Contains(DayOfWeek.Saturday, plan.Days);
        Assert.Empty(plan.Problems());
    }

    [Fact]
    public async Task A_refusal_from_the_service_shows_in_the_review_not_as_a_toast()
    {
        var cut = await ToScheduleAsync(create: (_, _) => throw new DomainException("A campaign with this name is already running."));
        await NextAsync(cut);
        cut.WaitForAssertion(() => cut.Find("[data-testid=wizard-estimate]"));

        await cut.Find("[data-testid=wizard-start]").ClickAsync(new());

        Assert.Equal("A campaign with this name is already running.", cut.Find("[data-testid=wizard-error]").TextContent);
    }

    private IRenderedComponent<CampaignWizard> RenderWizard(Func<CampaignPlan, CampaignLaunch, Task>? create = null) => Render<CampaignWizard>(p => p
        .Add(w => w.Choices, new WizardChoices([new AudienceTag("hot", 12), new AudienceTag("cold", 3)], [], Chicago))
        .Add(w => w.CountAudience, (audience, _) =>
        {
            _counted.Add(audience);
            return Task.FromResult(_count(audience));
        })
        .Add(w => w.Preview, (plan, _) => Task.FromResult(new AudiencePreview(10, 1, [], CampaignEstimate.For(plan, 10, 1, 0.01m))))
        .Add(w => w.Create, create ?? ((plan, launch) =>
        {
            _created.Add((plan, launch));
            return Task.CompletedTask;
        }))
        .Add(w => w.CountDelay, TimeSpan.Zero));

    private async Task<IRenderedComponent<CampaignWizard>> ToScheduleAsync(Func<CampaignPlan, CampaignLaunch, Task>? create = null)
    {
        var cut = RenderWizard(create);
        await AudienceAsync(cut);
        await NextAsync(cut);
        await NextAsync(cut);
        cut.WaitForAssertion(() => cut.Find("[data-testid=step-schedule]"));
        return cut;
    }

    private static async Task AudienceAsync(IRenderedComponent<CampaignWizard> cut)
    {
        await cut.Find("[data-testid=wizard-name]").InputAsync(new ChangeEventArgs { Value = "Spring sellers" });
        await TickAsync(cut, "hot");
        cut.WaitForAssertion(() => cut.Find("[data-testid=audience-count]"));
    }

    private static Task TickAsync(IRenderedComponent<CampaignWizard> cut, string tag) =>
        cut.Find($"[data-testid=tag-option][data-tag='{tag}']").ChangeAsync(new ChangeEventArgs { Value = true });

    private static Task NextAsync(IRenderedComponent<CampaignWizard> cut) => cut.Find("[data-testid=wizard-next]").ClickAsync(new());

    /// <summary>The text of the field's own box: its label, helper and error, nothing of the other fields.</summary>
    private static string FieldText(IRenderedComponent<CampaignWizard> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
