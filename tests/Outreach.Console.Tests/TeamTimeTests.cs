using Outreach.Console.Features.Shared;

namespace Outreach.Console.Tests;

public class TeamTimeTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    // 17:01 UTC is 11:01 in Chicago in December (UTC-6).
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 17, 1, 0, TimeSpan.Zero);

    [Fact]
    public void A_moment_of_the_team_s_today_shows_its_time_in_the_team_s_zone_24_hour()
    {
        var snoozedUntil = Now.AddHours(1);
        var evening = new DateTimeOffset(2026, 12, 8, 1, 30, 0, TimeSpan.Zero);

        Assert.Equal("12:01", TeamTime.Short(snoozedUntil, Now, Chicago));
        // Already tomorrow in UTC, still today in Chicago, and afternoon hours are never 12-hour.
        Assert.Equal("19:30", TeamTime.Short(evening, Now, Chicago));
    }

    [Fact]
    public void Another_day_in_the_team_s_zone_shows_the_day_too()
    {
        Assert.Equal("Tue Dec 8, 09:15", TeamTime.Short(new DateTimeOffset(2026, 12, 8, 15, 15, 0, TimeSpan.Zero), Now, Chicago));
        Assert.Equal("Sun Dec 6, 23:59", TeamTime.Short(new DateTimeOffset(2026, 12, 7, 5, 59, 0, TimeSpan.Zero), Now, Chicago));
        Assert.Equal("Mon Dec 7, 11:01", TeamTime.Format(Now, Chicago));
    }

    [Fact]
    public void A_tooltip_names_the_date_and_the_zone()
    {
        Assert.Equal("2026-12-07 11:01 America/Chicago", TeamTime.Full(Now, Chicago));
        Assert.Equal("2026-12-07 17:01 UTC", TeamTime.Full(Now, TimeZoneInfo.Utc));
    }
}
