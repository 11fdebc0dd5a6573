using Outreach.Console.Features.Calendar;
using Outreach.Infrastructure.Calendar;

namespace Outreach.Console.Tests.Components;

public class CalendarWeekTests
{
    // 15:40 on Sunday 1 March 2026 in Chicago.
    private static readonly TeamClock Clock = TeamClock.For("America/Chicago", new DateTimeOffset(2026, 3, 1, 21, 40, 0, TimeSpan.Zero));
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static CalendarWeek Week(params CalendarBucket[] buckets) =>
        new(new CalendarGrid(Clock, Today, 7, buckets, new OverdueCounts(0, 0)));

    private static CalendarBucket At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)));

    [Fact]
    public void A_week_is_seven_days_from_its_first_and_moves_by_seven()
    {
        var week = Week();

        Assert.Equal(Today, week.Days[0]);
        Assert.Equal(new DateOnly(2026, 3, 7), week.Days[^1]);
        Assert.Equal("1 Mar – 7 Mar 2026", week.Label);
        Assert.Equal(new DateOnly(2026, 3, 8), CalendarWeek.Move(Today, 1));
        Assert.Equal(new DateOnly(2026, 2, 22), CalendarWeek.Move(Today, -1));
        Assert.Equal("Sun 1", CalendarWeek.DayHeading(Today));
    }

    [Fact]
    public void A_day_s_total_counts_its_own_hours_only()
    {
        var week = Week(
            At(Today, 9) with { CampaignSends = 5, FollowUps = 1 },
            At(Today, 23) with { HeldFollowUps = 2 },
            At(Today.AddDays(1), 0) with { CampaignSends = 40 });

        Assert.Equal(8, week.DayTotal(Today));
        Assert.Equal(40, week.DayTotal(Today.AddDays(1)));
        Assert.Equal(0, week.DayTotal(Today.AddDays(2)));
    }

    [Fact]
    public void An_hour_is_marked_by_the_team_s_clock_and_by_what_it_holds()
    {
        var week = Week(
            At(Today, 16) with { HeldCampaignSends = 3 },
            At(Today.AddDays(2), 9) with { CampaignStarts = 1 });

        Assert.Equal("oc-cal-cell oc-cal-today oc-cal-past", week.CellClass(Today, 14, null));
        Assert.Equal("oc-cal-cell oc-cal-today oc-cal-now", week.CellClass(Today, 15, null));
        Assert.Equal("oc-cal-cell oc-cal-today oc-cal-held", week.CellClass(Today, 16, null));
        Assert.Equal("oc-cal-cell oc-cal-start oc-cal-selected", week.CellClass(Today.AddDays(2), 9, Today.AddDays(2).ToDateTime(new TimeOnly(9, 0))));
        Assert.Equal("oc-cal-cell", week.CellClass(Today.AddDays(2), 10, Today.AddDays(2).ToDateTime(new TimeOnly(9, 0))));
    }

    [Fact]
    public void The_busiest_hour_is_the_strongest_colour_of_the_theme_and_an_empty_hour_has_none()
    {
        var week = Week(At(Today, 16) with { CampaignSends = 100 }, At(Today, 17) with { FollowUps = 10 });

        Assert.Equal("background: color-mix(in srgb, var(--mud-palette-primary) 90%, transparent); color: var(--mud-palette-primary-text);", week.Heat(100));
        Assert.Equal("background: color-mix(in srgb, var(--mud-palette-primary) 20%, transparent);", week.Heat(10));
        Assert.Equal("", week.Heat(0));
    }

    [Fact]
    public void Counts_and_times_read_the_same_everywhere()
    {
        var week = Week();

        Assert.Equal("9,999", CalendarWeek.Compact(9_999));
        Assert.Equal("12.3k", CalendarWeek.Compact(12_345));
        Assert.Equal("1 campaign send, 2 follow-ups of paused rules", CalendarWeek.Describe(At(Today, 9) with { CampaignSends = 1, HeldFollowUps = 2 }));
        Assert.Equal("15:10", week.Time(new DateTimeOffset(2026, 3, 1, 21, 10, 0, TimeSpan.Zero)));
        Assert.Equal("at 15:10", week.TimeRange(new DateTimeOffset(2026, 3, 1, 21, 10, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 21, 10, 30, TimeSpan.Zero)));
        Assert.Equal("15:10–15:55", week.TimeRange(new DateTimeOffset(2026, 3, 1, 21, 10, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 21, 55, 0, TimeSpan.Zero)));
    }
}
