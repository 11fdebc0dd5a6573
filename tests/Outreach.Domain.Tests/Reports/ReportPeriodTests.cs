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
