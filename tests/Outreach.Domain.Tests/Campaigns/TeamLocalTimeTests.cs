using Outreach.Domain.Campaigns;

namespace Outreach.Domain.Tests.Campaigns;

public class TeamLocalTimeTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Theory]
    [InlineData("2030-12-24 14:30", "2030-12-24 20:30")] // winter: UTC-6
    [InlineData("2030-07-01 09:00", "2030-07-01 14:00")] // summer: UTC-5
    [InlineData("2030-03-10 01:59", "2030-03-10 07:59")] // the last minute before the clocks go forward
    [InlineData("2030-03-10 03:00", "2030-03-10 08:00")] // the first minute after
    public void A_team_clock_time_is_the_instant_it_means_in_the_team_zone(string local, string utc)
    {
        var resolved = TeamLocalTime.ToUtc(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), Chicago);

        Assert.Null(resolved.Problem);
        Assert.Equal(DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture), resolved.Utc);
    }

    [Fact]
    public void A_time_the_clocks_skip_is_refused_with_a_reason_not_moved()
    {
        var resolved = TeamLocalTime.ToUtc(new DateTime(2030, 3, 10, 2, 30, 0), Chicago);

        Assert.Null(resolved.Utc);
        Assert.Equal("2030-03-10 02:30 does not exist in America/Chicago: the clocks go forward that night. Choose another time.", resolved.Problem);
    }

    [Fact]
    public void A_time_that_happens_twice_means_its_first_occurrence()
    {
        // 01:30 on the night the clocks go back is first 01:30 CDT (UTC-5), an hour later 01:30 CST (UTC-6).
        var resolved = TeamLocalTime.ToUtc(new DateTime(2030, 11, 3, 1, 30, 0), Chicago);

        Assert.Equal(new DateTimeOffset(2030, 11, 3, 6, 30, 0, TimeSpan.Zero), resolved.Utc);
    }

    [Fact]
    public void An_instant_reads_back_as_the_team_clock_time_it_was_typed_as()
    {
        var utc = TeamLocalTime.ToUtc(new DateTime(2030, 12, 24, 14, 30, 0), Chicago).Utc!.Value;

        Assert.Equal(new DateTime(2030, 12, 24, 14, 30, 0), TeamLocalTime.FromUtc(utc, Chicago));
    }

    [Fact]
    public void The_kind_of_the_typed_time_does_not_matter()
    {
        var typed = new DateTime(2030, 12, 24, 14, 30, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTimeOffset(2030, 12, 24, 20, 30, 0, TimeSpan.Zero), TeamLocalTime.ToUtc(typed, Chicago).Utc);
    }
}
