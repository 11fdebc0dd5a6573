using Bunit;
using Outreach.Console.Features.Settings;
using Outreach.Domain.Common;

namespace Outreach.Console.Tests.Components.Settings;

/// <summary>The messaging settings' forms: every problem under its field, nothing clamped, nothing saved until it is right.</summary>
public class MessagingFormsTests : ComponentTestContext
{
    private static readonly SendingRules Rules = new(new TimeOnly(9, 0), new TimeOnly(20, 0), 10, 120, false, 70);
    private static readonly SendingLimits Limits = new(null, 1, 3, 2);

    [Fact]
    public void Out_of_range_numbers_are_pointed_out_under_their_fields_as_typed_and_nothing_is_saved()
    {
        var saved = new List<SendingRules>();
        var form = RenderRules(Rules, saved);

        form.Find("[data-testid=concurrency]").Change("600");
        form.Find("[data-testid=hot-lead-sla]").Change("2");
        form.Find("form").Submit();

        Assert.Empty(saved);
        Assert.Equal("600", form.Find("[data-testid=concurrency]").GetAttribute("value"));
        Assert.Equal("true", form.Find("[data-testid=concurrency]").GetAttribute("aria-invalid"));
        Assert.Contains("Between 1 and 500 messages.", form.Markup);
        Assert.Contains("Between 5 minutes and 7 days", form.Markup);
    }

    [Theory]
    [InlineData(7, 0, 20, 0, "No earlier than 08:00.")]
    [InlineData(9, 0, 21, 30, "No later than 21:00.")]
    [InlineData(18, 0, 9, 0, "Sending must end after it starts.")]
    public void Sending_hours_outside_08_to_21_or_backwards_are_refused_next_to_the_hours(int startHour, int startMinute, int endHour, int endMinute, string problem)
    {
        var saved = new List<SendingRules>();
        var form = RenderRules(Rules with { Start = new TimeOnly(startHour, startMinute), End = new TimeOnly(endHour, endMinute) }, saved);

        form.Find("form").Submit();

        Assert.Empty(saved);
        Assert.Contains(problem, form.Markup);
    }

    [Fact]
    public void Valid_rules_reach_the_page_as_typed()
    {
        var saved = new List<SendingRules>();
        var form = RenderRules(Rules, saved);

        form.Find("[data-testid=hot-lead-sla]").Change("90");
        form.Find("form").Submit();

        Assert.Equal(Rules with { HotLeadSlaMinutes = 90 }, Assert.Single(saved));
        Assert.Empty(form.FindAll("[data-testid=rules-error]"));
    }

    [Fact]
    public void A_refusal_of_the_service_shows_inside_the_form()
    {
        var form = Render<SendingRulesForm>(p => p
            .Add(c => c.Value, Rules)
            .Add(c => c.CanEdit, true)
            .Add(c => c.Save, _ => throw new DomainException("Sending hours must lie within 08:00-21:00.")));

        form.Find("form").Submit();

        Assert.Contains("Sending hours must lie within 08:00-21:00.", form.Find("[data-testid=rules-error]").TextContent);
    }

    [Fact]
    public void Without_the_role_the_rules_are_shown_but_cannot_be_changed()
    {
        var form = Render<SendingRulesForm>(p => p.Add(c => c.Value, Rules).Add(c => c.Save, _ => Task.CompletedTask));

        Assert.Empty(form.FindAll("[data-testid=rules-save]"));
        Assert.True(form.Find("[data-testid=hot-lead-sla]").HasAttribute("disabled"));
        Assert.Equal("120", form.Find("[data-testid=hot-lead-sla]").GetAttribute("value"));
    }

    [Fact]
    public void A_budget_too_large_is_refused_under_the_budget_in_the_domain_s_words()
    {
        var saved = new List<SendingLimits>();
        var form = RenderLimits(saved);

        form.Find("[data-testid=limits-budget]").Change("99999999999");
        form.Find("form").Submit();

        Assert.Empty(saved);
        Assert.Equal(BudgetLimit.Problem(99999999999m), form.Find("[data-testid=limits-budget-error]").TextContent);
        Assert.Equal("limits-budget-error", form.Find("[data-testid=limits-budget]").GetAttribute("aria-describedby")?.Split(' ').Last());
    }

    [Fact]
    public void A_weekly_cap_below_the_daily_one_is_refused_under_the_weekly_cap()
    {
        var saved = new List<SendingLimits>();
        var form = RenderLimits(saved);

        form.Find("[data-testid=limits-per-day]").Change("5");
        form.Find("form").Submit();

        Assert.Empty(saved);
        Assert.Equal("true", form.Find("[data-testid=limits-per-week]").GetAttribute("aria-invalid"));
        Assert.Contains("No lower than the daily cap.", form.Markup);
    }

    [Fact]
    public void Valid_budget_and_caps_reach_the_page()
    {
        var saved = new List<SendingLimits>();
        var form = RenderLimits(saved);

        form.Find("[data-testid=limits-budget]").Change("250.50");
        form.Find("[data-testid=limits-follow-ups]").Change("3");
        form.Find("form").Submit();

        Assert.Equal(new SendingLimits(250.50m, 1, 3, 3), Assert.Single(saved));
    }

    [Theory]
    [InlineData("", "Enter the number, with its area code.")]
    [InlineData("(512) 555-0101", "555-01xx numbers are reserved for fiction")]
    [InlineData("call me", "contains letters")]
    public void A_number_that_is_not_one_is_refused_under_the_number(string typed, string problem)
    {
        var saved = new List<NewSendingNumber>();
        var form = Render<SendingNumberForm>(p => p.Add(c => c.Save, n => { saved.Add(n); return Task.CompletedTask; }));

        form.Find("[data-testid=number-input]").Change(typed);
        form.Find("form").Submit();

        Assert.Empty(saved);
        Assert.Equal("true", form.Find("[data-testid=number-input]").GetAttribute("aria-invalid"));
        Assert.Contains(problem, form.Markup);
    }

    [Fact]
    public void A_valid_number_is_registered_with_its_provider_and_the_form_clears_and_a_taken_one_is_said_under_the_number()
    {
        var saved = new List<NewSendingNumber>();
        var form = Render<SendingNumberForm>(p => p.Add(c => c.Save, n =>
        {
            saved.Add(n);
            return n.Number.Contains("0198", StringComparison.Ordinal)
                ? throw new DomainException("+15122400198 is already registered on this installation.")
                : Task.CompletedTask;
        }));

        form.Find("[data-testid=number-input]").Change("(512) 240-0199");
        form.Find("form").Submit();
        form.Find("[data-testid=number-input]").Change("(512) 240-0198");
        form.Find("form").Submit();

        Assert.Equal([new NewSendingNumber("(512) 240-0199", "simulator", null), new NewSendingNumber("(512) 240-0198", "simulator", null)], saved);
        Assert.Equal("(512) 240-0198", form.Find("[data-testid=number-input]").GetAttribute("value"));
        Assert.Contains("already registered on this installation", form.Markup);
    }

    private IRenderedComponent<SendingRulesForm> RenderRules(SendingRules value, List<SendingRules> saved) =>
        Render<SendingRulesForm>(p => p
            .Add(c => c.Value, value)
            .Add(c => c.CanEdit, true)
            .Add(c => c.Save, rules => { saved.Add(rules); return Task.CompletedTask; }));

    private IRenderedComponent<SendingLimitsForm> RenderLimits(List<SendingLimits> saved) =>
        Render<SendingLimitsForm>(p => p
            .Add(c => c.Value, Limits)
            .Add(c => c.CanEdit, true)
            .Add(c => c.Save, limits => { saved.Add(limits); return Task.CompletedTask; }));
}
