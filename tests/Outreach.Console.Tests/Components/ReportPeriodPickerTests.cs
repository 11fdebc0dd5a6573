using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Console.Features.Reports;
using Outreach.Domain.Reports;

namespace Outreach.Console.Tests.Components;

public class ReportPeriodPickerTests : ComponentTestContext
{
    // Monday 2 March 2026, 03:30 UTC: still Sunday 1 March in Chicago, already Monday afternoon in Auckland.
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 3, 30, 0, TimeSpan.Zero);

    private readonly List<ReportChoice> _chosen = [];

    public ReportPeriodPickerTests() => Services.AddSingleton<TimeProvider>(new FixedClock(Now));

    [Theory]
    [InlineData("America/Chicago", "Today", "today", "2026-03-01", "2026-03-01")]
    [InlineData("Pacific/Auckland", "Today", "today", "2026-03-02", "2026-03-02")]
    [InlineData("America/Chicago", "Last 7 days", "last7", "2026-02-23", "2026-03-01")]
    [InlineData("America/Chicago", "Last week", "lastweek", "2026-02-16", "2026-02-22")]
    [InlineData("Pacific/Auckland", "Last week", "lastweek", "2026-02-23", "2026-03-01")]
    [InlineData("Pacific/Auckland", "This month", "thismonth", "2026-03-01", "2026-03-02")]
    public void A_preset_means_the_days_of_the_team_s_clock_and_fills_the_day_fields(string zone, string label, string key, string first, string last)
    {
        var cut = Render(zone);

        cut.FindAll("button").Single(b => b.TextContent.Trim() == label).Click();

        Assert.Equal(new ReportChoice(key, DateOnly.Parse(first), DateOnly.Parse(last)), Assert.Single(_chosen));
        Assert.Equal(first, cut.Find("[data-testid=report-from]").GetAttribute("value"));
        Assert.Equal(last, cut.Find("[data-testid=report-to]").GetAttribute("value"));
    }

    [Fact]
    public void The_preset_on_screen_is_pressed_and_the_others_are_not()
    {
        var cut = Render<ReportPeriodPicker>(p => p.Add(c => c.Zone, "America/Chicago").Add(c => c.ActivePreset, "last30"));

        Assert.Equal("true", cut.Find("[data-testid=preset-last30]").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("[data-testid=preset-today]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Two_days_of_the_operator_s_own_are_chosen_as_they_are()
    {
        var cut = Render("America/Chicago");

        cut.Find("[data-testid=report-from]").Change("2026-01-05");
        cut.Find("[data-testid=report-to]").Change("2026-01-11");
        cut.Find("[data-testid=report-apply]").Click();

        Assert.Equal(new ReportChoice(null, new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 11)), Assert.Single(_chosen));
    }

    [Fact]
    public void A_last_day_before_the_first_is_said_beside_the_last_day_and_nothing_is_chosen()
    {
        var cut = Render("America/Chicago");

        cut.Find("[data-testid=report-from]").Change("2026-01-11");
        cut.Find("[data-testid=report-to]").Change("2026-01-05");
        cut.Find("[data-testid=report-apply]").Click();

        Assert.Empty(_chosen);
        var to = cut.Find("[data-testid=report-to]");
        Assert.Equal("true", to.GetAttribute("aria-invalid"));
        Assert.Contains("The report's last day is before its first day.", FieldOf(to).TextContent);
        Assert.DoesNotContain("before its first day", FieldOf(cut.Find("[data-testid=report-from]")).TextContent);
    }

    [Fact]
    public void The_day_fields_show_the_period_on_screen()
    {
        var period = new ReportPeriod(new DateOnly(2026, 1, 19), new DateOnly(2026, 1, 25), "America/Chicago");

        var cut = Render<ReportPeriodPicker>(p => p.Add(c => c.Zone, "America/Chicago").Add(c => c.Period, period));

        Assert.Equal("2026-01-19", cut.Find("[data-testid=report-from]").GetAttribute("value"));
        Assert.Equal("2026-01-25", cut.Find("[data-testid=report-to]").GetAttribute("value"));
        Assert.Contains("America/Chicago", cut.Find("[data-testid=report-zone]").TextContent);
    }

    private IRenderedComponent<ReportPeriodPicker> Render(string zone) =>
        Render<ReportPeriodPicker>(p => p.Add(c => c.Zone, zone).Add(c => c.Chosen, choice => _chosen.Add(choice)));

    private static AngleSharp.Dom.IElement FieldOf(AngleSharp.Dom.IElement input)
    {
        var field = input;
        while (field.ParentElement is { } parent && parent.QuerySelectorAll("input, textarea").Length == 1)
        {
            field = parent;
        }
        return field;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
