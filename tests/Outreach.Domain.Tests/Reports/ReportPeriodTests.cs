using Outreach.Domain.Common;
using Outreach.Domain.Reports;

namespace Outreach.Domain.Tests.Reports;

public sealed class ReportPeriodTests
{
    [Fact]
    public void Days_are_the_teams_so_the_edges_move_with_daylight_saving()
    {
        // 1 November 2026 is when Chicago leaves daylight saving: that day has 25 hours.
        var period = new ReportPeriod(new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 1), "America/Chicago");

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 5, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero), period.End);
        Assert.Equal(7, period.Days);
    }

    [Fact]
    public void The_previous_period_is_the_same_number_of_days_just_before()
    {
        var period = new ReportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "UTC");

        Assert.Equal(new DateOnly(2026, 1, 29), period.Previous.FirstDay);
        Assert.Equal(new DateOnly(2026, 2, 28), period.Previous.LastDay);
        Assert.Equal(period.Start, period.Previous.End);
    }

    [Fact]
    public void Last_week_is_monday_to_sunday_before_the_current_week_in_the_teams_zone()
    {
        // Monday 9 November 2026 at 03:00 UTC is still Sunday evening in Chicago.
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 9, 3, 0, 0, TimeSpan.Zero));

        var week = ReportPeriod.PreviousWeek("America/Chicago", clock);

        Assert.Equal(new DateOnly(2026, 10, 26), week.FirstDay);
        Assert.Equal(new DateOnly(2026, 11, 1), week.LastDay);
        Assert.Equal(new DateOnly(2026, 11, 2), ReportPeriod.PreviousWeek("UTC", clock).FirstDay);
    }

    [Fact]
    public void The_last_days_end_at_the_end_of_today_in_the_teams_zone()
    {
        // 03:00 UTC on 8 December is still the evening of 7 December in Chicago.
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 8, 3, 0, 0, TimeSpan.Zero));

        var week = ReportPeriod.LastDays(7, "America/Chicago", clock);

        Assert.Equal(new DateOnly(2026, 12, 1), week.FirstDay);
        Assert.Equal(new DateOnly(2026, 12, 7), week.LastDay);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 6, 0, 0, TimeSpan.Zero), week.End);
        Assert.True(week.Start <= clock.GetUtcNow() && clock.GetUtcNow() < week.End);
        // The comparison is the seven whole days before, not a shorter or longer stretch.
        Assert.Equal(new DateOnly(2026, 11, 24), week.Previous.FirstDay);
        Assert.Equal(new DateOnly(2026, 11, 30), week.Previous.LastDay);
        Assert.Equal(7, week.Previous.Days);
    }

    [Fact]
    public void Today_is_one_day_compared_with_the_day_before_and_this_month_runs_to_the_end_of_today()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero));

        var today = ReportPreset.Today.PeriodFor("America/Chicago", clock);
        var month = ReportPreset.Find("thismonth")!.PeriodFor("America/Chicago", clock);

        Assert.Equal((new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 7)), (today.FirstDay, today.LastDay));
        Assert.Equal((new DateOnly(2026, 12, 6), new DateOnly(2026, 12, 6)), (today.Previous.FirstDay, today.Previous.LastDay));
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 7)), (month.FirstDay, month.LastDay));
        Assert.Equal(month.Days, month.Previous.Days);
    }

    [Fact]
    public void An_address_gives_a_preset_or_both_days_and_no_preset_or_days_is_the_last_seven_days()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero));

        Assert.Equal(ReportPeriod.LastDays(7, "UTC", clock), ReportPeriod.FromAddress(null, null, null, "UTC", clock));
        Assert.Equal(ReportPeriod.LastDays(30, "UTC", clock), ReportPeriod.FromAddress("last30", null, "", "UTC", clock));
        Assert.Equal(ReportPeriod.PreviousWeek("UTC", clock), ReportPeriod.FromAddress("LastWeek", null, null, "UTC", clock));
        Assert.Equal(new ReportPeriod(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 3), "UTC"), ReportPeriod.FromAddress(null, "2026-12-01", "2026-12-03", "UTC", clock));
    }

    [Theory]
    [InlineData(null, "garbage", "2026-12-07", "'garbage' is an invalid date for the first day")]
    [InlineData(null, "2026-12-01", "7/12/2026", "'7/12/2026' is an invalid date for the last day")]
    [InlineData(null, "2026-12-01", null, "The last day (to) is missing")]
    [InlineData("yesterday", null, null, "'yesterday' is not a report preset: use one of today, last7")]
    [InlineData("today", "2026-12-01", "2026-12-07", "not both")]
    [InlineData(null, "2026-12-07", "2026-12-01", "before its first day")]
    public void An_address_that_asks_for_no_real_period_is_refused_with_its_reason(string? preset, string? from, string? to, string reason)
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero));

        var refusal = Assert.Throws<DomainException>(() => ReportPeriod.FromAddress(preset, from, to, "UTC", clock));

        Assert.Contains(reason, refusal.Message);
    }

    [Theory]
    [InlineData("2026-03-08", "2026-03-01", "America/Chicago")]
    [InlineData("2026-01-01", "2027-01-02", "UTC")]
    [InlineData("2026-01-01", "2026-01-02", "Mars/Olympus")]
    public void A_backwards_too_long_or_unknown_zone_period_is_refused(string first, string last, string zone) =>
        Assert.Throws<DomainException>(() => new ReportPeriod(DateOnly.Parse(first), DateOnly.Parse(last), zone));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
