using Outreach.Domain.Common;
using Outreach.Domain.Guardrails;

namespace Outreach.Domain.Tests.Guardrails;

public class SendWindowTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Phoenix = TimeZoneInfo.FindSystemTimeZoneById("America/Phoenix");
    private static readonly TimeZoneInfo Honolulu = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Honolulu");

    private static readonly SendWindow Weekdays = new(new TimeOnly(9, 0), new TimeOnly(17, 0),
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday });

    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant + "Z", null, System.Globalization.DateTimeStyles.AdjustToUniversal);

    [Theory]
    [InlineData("2025-06-10T11:59:59", false)] // 07:59:59 EDT
    [InlineData("2025-06-10T12:00:00", true)]  // 08:00 EDT exactly
    [InlineData("2025-06-11T00:59:59", true)]  // 20:59:59 EDT
    [InlineData("2025-06-11T01:00:00", false)] // 21:00 EDT exactly is already quiet
    [InlineData("2025-01-10T12:59:59", false)] // 07:59:59 EST
    [InlineData("2025-01-10T13:00:00", true)]  // 08:00 EST
    [InlineData("2025-01-11T02:00:00", false)] // 21:00 EST
    public void The_legal_window_opens_at_eight_and_closes_at_nine_local_time(string instant, bool allowed) =>
        Assert.Equal(allowed, SendWindow.Legal.Allows(Utc(instant), NewYork));

    [Fact]
    public void An_allowed_instant_is_its_own_next_allowed_moment()
    {
        var instant = Utc("2025-06-10T15:30:00");

        Assert.Equal(instant, SendWindow.Legal.NextAllowed(instant, NewYork));
    }

    [Theory]
    [InlineData("2025-06-10T10:00:00", "2025-06-10T12:00:00")] // 06:00 EDT: later the same morning
    [InlineData("2025-06-11T01:00:00", "2025-06-11T12:00:00")] // 21:00 EDT: next morning
    [InlineData("2025-06-11T03:59:00", "2025-06-11T12:00:00")] // 23:59 EDT
    [InlineData("2025-06-11T04:00:00", "2025-06-11T12:00:00")] // midnight EDT
    public void Outside_the_window_the_next_moment_is_the_next_opening(string instant, string next) =>
        Assert.Equal(Utc(next), SendWindow.Legal.NextAllowed(Utc(instant), NewYork));

    [Fact]
    public void Saturday_night_before_spring_forward_defers_to_sunday_eight_in_daylight_time()
    {
        // Saturday 8 March 2025, 22:00 EST. The clocks jump at 02:00 on Sunday, so 08:00 EDT is 12:00 UTC,
        // not the 13:00 UTC that Saturday's offset would give.
        var next = SendWindow.Legal.NextAllowed(Utc("2025-03-09T03:00:00"), NewYork);

        Assert.Equal(Utc("2025-03-09T12:00:00"), next);
        Assert.Equal(new DateTime(2025, 3, 9, 8, 0, 0), TimeZoneInfo.ConvertTime(next, NewYork).DateTime);
    }

    [Fact]
    public void Saturday_night_before_fall_back_defers_to_sunday_eight_in_standard_time()
    {
        // Saturday 1 November 2025, 22:00 EDT; Sunday 08:00 EST is 13:00 UTC.
        var next = SendWindow.Legal.NextAllowed(Utc("2025-11-02T02:00:00"), NewYork);

        Assert.Equal(Utc("2025-11-02T13:00:00"), next);
    }

    [Theory]
    [InlineData("2025-03-09T11:59:59", false)]
    [InlineData("2025-03-09T12:00:00", true)]
    [InlineData("2025-11-02T12:59:59", false)]
    [InlineData("2025-11-02T13:00:00", true)]
    [InlineData("2025-11-03T01:59:59", true)]
    [InlineData("2025-11-03T02:00:00", false)]
    public void The_window_follows_the_local_clock_on_transition_days(string instant, bool allowed) =>
        Assert.Equal(allowed, SendWindow.Legal.Allows(Utc(instant), NewYork));

    [Fact]
    public void A_time_the_clock_skips_is_reached_at_the_transition()
    {
        // 02:30 does not exist on 9 March 2025 in New York: at 07:00 UTC the clock goes from 02:00 to 03:00.
        Assert.True(NewYork.IsInvalidTime(new DateTime(2025, 3, 9, 2, 30, 0)));

        var instant = SendWindow.EarliestInstantAtOrAfter(new DateTime(2025, 3, 9, 2, 30, 0), NewYork);

        Assert.Equal(Utc("2025-03-09T07:00:00"), instant);
    }

    [Fact]
    public void A_time_the_clock_shows_twice_is_reached_the_first_time()
    {
        // 01:30 on 2 November 2025 happens in EDT (05:30 UTC) and again in EST (06:30 UTC).
        var instant = SendWindow.EarliestInstantAtOrAfter(new DateTime(2025, 11, 2, 1, 30, 0), NewYork);

        Assert.Equal(Utc("2025-11-02T05:30:00"), instant);
    }

    [Fact]
    public void A_window_opening_inside_a_dst_gap_opens_when_the_clock_jumps()
    {
        // A zone whose clocks jump from 08:30 to 09:30 on 1 April: a 09:00 opening happens at the jump.
        var jumpy = TimeZoneInfo.CreateCustomTimeZone("Test/Jumpy", TimeSpan.Zero, "Jumpy", "Jumpy",
            "Jumpy Summer",
            [
                TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                    new DateTime(2025, 1, 1), new DateTime(2025, 12, 31), TimeSpan.FromHours(1),
                    TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 8, 30, 0), 4, 1),
                    TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 1)),
            ]);
        var window = new SendWindow(new TimeOnly(9, 0), new TimeOnly(17, 0));

        var next = window.NextAllowed(Utc("2025-04-01T07:00:00"), jumpy);

        Assert.Equal(Utc("2025-04-01T08:30:00"), next);
        Assert.Equal(new TimeSpan(9, 30, 0), TimeZoneInfo.ConvertTime(next, jumpy).TimeOfDay);
        Assert.True(window.Allows(next, jumpy));
        Assert.False(window.Allows(next.AddTicks(-1), jumpy));
    }

    [Theory]
    [InlineData("2025-01-15T14:59:00", false)]
    [InlineData("2025-01-15T15:00:00", true)]  // 08:00 MST in winter
    [InlineData("2025-07-15T15:00:00", true)]  // 08:00 MST in summer too: Arizona keeps standard time
    [InlineData("2025-07-15T14:59:00", false)]
    [InlineData("2025-07-16T03:59:00", true)]  // 20:59 MST
    [InlineData("2025-07-16T04:00:00", false)] // 21:00 MST
    public void Arizona_keeps_the_same_window_all_year(string instant, bool allowed) =>
        Assert.Equal(allowed, SendWindow.Legal.Allows(Utc(instant), Phoenix));

    [Theory]
    [InlineData("2025-07-15T17:59:00", false)]
    [InlineData("2025-07-15T18:00:00", true)]  // 08:00 HST
    [InlineData("2025-07-16T06:59:00", true)]  // 20:59 HST
    [InlineData("2025-07-16T07:00:00", false)] // 21:00 HST
    public void Hawaii_is_ten_hours_behind_utc(string instant, bool allowed) =>
        Assert.Equal(allowed, SendWindow.Legal.Allows(Utc(instant), Honolulu));

    [Fact]
    public void Hawaii_defers_to_its_own_morning() =>
        Assert.Equal(Utc("2025-07-16T18:00:00"), SendWindow.Legal.NextAllowed(Utc("2025-07-16T07:00:00"), Honolulu));

    [Theory]
    [InlineData("2025-06-13T20:59:00", "2025-06-13T20:59:00")] // Friday 16:59 EDT: allowed
    [InlineData("2025-06-13T21:00:00", "2025-06-16T13:00:00")] // Friday 17:00 EDT: Monday 09:00
    [InlineData("2025-06-14T15:00:00", "2025-06-16T13:00:00")] // Saturday
    [InlineData("2025-06-15T23:00:00", "2025-06-16T13:00:00")] // Sunday 19:00
    [InlineData("2025-06-16T12:00:00", "2025-06-16T13:00:00")] // Monday 08:00
    public void Days_of_the_week_skip_to_the_next_allowed_day(string instant, string next) =>
        Assert.Equal(Utc(next), Weekdays.NextAllowed(Utc(instant), NewYork));

    [Fact]
    public void Narrowing_intersects_hours_and_days()
    {
        var evenings = new SendWindow(new TimeOnly(12, 0), new TimeOnly(20, 0), new HashSet<DayOfWeek> { DayOfWeek.Friday, DayOfWeek.Saturday });

        var narrowed = Weekdays.NarrowTo(evenings);

        Assert.Equal(new SendWindow(new TimeOnly(12, 0), new TimeOnly(17, 0), new HashSet<DayOfWeek> { DayOfWeek.Friday }), narrowed);
    }

    [Fact]
    public void Narrowing_never_widens_beyond_the_legal_window()
    {
        var wide = new SendWindow(new TimeOnly(6, 0), new TimeOnly(23, 0));

        Assert.Equal(SendWindow.Legal, wide.NarrowTo(new SendWindow(new TimeOnly(0, 0), new TimeOnly(23, 59))));
        Assert.Equal(SendWindow.Legal, SendWindow.Legal.NarrowTo(wide));
    }

    [Fact]
    public void A_window_wider_than_the_law_still_only_allows_legal_hours()
    {
        var wide = new SendWindow(new TimeOnly(6, 0), new TimeOnly(23, 0));

        Assert.False(wide.Allows(Utc("2025-06-10T11:00:00"), NewYork)); // 07:00 EDT
        Assert.False(wide.Allows(Utc("2025-06-11T02:00:00"), NewYork)); // 22:00 EDT
        Assert.Equal(Utc("2025-06-10T12:00:00"), wide.NextAllowed(Utc("2025-06-10T11:00:00"), NewYork));
    }

    [Fact]
    public void Disjoint_windows_narrow_to_an_empty_window_that_allows_nothing()
    {
        var mornings = new SendWindow(new TimeOnly(8, 0), new TimeOnly(10, 0));
        var afternoons = new SendWindow(new TimeOnly(14, 0), new TimeOnly(16, 0));

        var narrowed = mornings.NarrowTo(afternoons);

        Assert.True(narrowed.IsEmpty);
        Assert.False(narrowed.Allows(Utc("2025-06-10T13:00:00"), NewYork));
        Assert.Throws<DomainException>(() => narrowed.NextAllowed(Utc("2025-06-10T13:00:00"), NewYork));
    }

    [Fact]
    public void A_window_with_no_days_is_empty() =>
        Assert.True(new SendWindow(new TimeOnly(9, 0), new TimeOnly(17, 0), new HashSet<DayOfWeek>()).IsEmpty);

    [Fact]
    public void A_window_must_start_before_it_ends()
    {
        var error = Assert.Throws<DomainException>(() => new SendWindow(new TimeOnly(21, 0), new TimeOnly(8, 0)));

        Assert.Contains("overnight", error.Message);
    }

    [Fact]
    public void Windows_are_equal_by_value_and_every_day_equals_no_day_restriction()
    {
        var everyDay = new SendWindow(new TimeOnly(8, 0), new TimeOnly(21, 0), Enum.GetValues<DayOfWeek>().ToHashSet());

        Assert.Equal(SendWindow.Legal, everyDay);
        Assert.Equal(SendWindow.Legal.GetHashCode(), everyDay.GetHashCode());
        Assert.NotEqual(SendWindow.Legal, Weekdays with { Start = new TimeOnly(8, 0), End = new TimeOnly(21, 0) });
    }

    [Fact]
    public void A_window_keeps_its_own_copy_of_the_days()
    {
        var days = new HashSet<DayOfWeek> { DayOfWeek.Monday };
        var window = new SendWindow(new TimeOnly(9, 0), new TimeOnly(17, 0), days);

        days.Add(DayOfWeek.Sunday);

        Assert.False(window.Allows(Utc("2025-06-15T15:00:00"), NewYork)); // Sunday
    }

    [Fact]
    public void A_window_describes_itself_for_explanations()
    {
        Assert.Equal("08:00–21:00", SendWindow.Legal.ToString());
        Assert.Equal("09:00–17:00 Mon, Tue, Wed, Thu, Fri", Weekdays.ToString());
    }

    [Theory]
    [InlineData("2025-01-15T13:00:00", "2025-01-15T16:00:00")] // 08:00 ET is 05:00 PT: wait for 08:00 PT
    [InlineData("2025-01-15T16:00:00", "2025-01-15T16:00:00")] // 08:00 PT, 11:00 ET
    [InlineData("2025-01-16T01:59:00", "2025-01-16T01:59:00")] // 20:59 ET, 17:59 PT
    [InlineData("2025-01-16T02:00:00", "2025-01-16T16:00:00")] // 21:00 ET: the next morning in Los Angeles
    [InlineData("2025-07-15T14:59:00", "2025-07-15T15:00:00")] // summer: 08:00 PDT is 15:00 UTC
    public void In_every_continental_zone_the_window_is_the_overlap_of_all_four(string instant, string next)
    {
        var zones = RecipientTimeZones.ContinentalUs;

        Assert.Equal(Utc(next), SendWindow.Legal.NextAllowedInAll(Utc(instant), zones));
        Assert.Equal(instant == next, SendWindow.Legal.AllowsInAll(Utc(instant), zones));
    }

    [Fact]
    public void A_window_too_narrow_to_overlap_across_the_continent_has_no_common_moment()
    {
        var oneHour = new SendWindow(new TimeOnly(9, 0), new TimeOnly(10, 0));

        Assert.Null(oneHour.NextAllowedInAll(Utc("2025-01-15T13:00:00"), RecipientTimeZones.ContinentalUs));
    }
}
