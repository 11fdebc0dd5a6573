using Outreach.Console.Features.Shared;

namespace Outreach.Console.Tests;

public class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(3, "just now")]
    [InlineData(12, "12 s ago")]
    [InlineData(50, "1 min ago")]
    [InlineData(60 * 7 + 20, "7 min ago")]
    [InlineData(3600 * 5 + 59, "5 h ago")]
    public void Recent_moments_are_described_relative_to_now(int secondsAgo, string expected) =>
        Assert.Equal(expected, RelativeTime.Describe(Now.AddSeconds(-secondsAgo), Now));

    [Fact]
    public void Older_moments_show_their_date() =>
        Assert.Equal("Nov 20, 09:30", RelativeTime.Describe(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), Now));

    [Fact]
    public void A_clock_slightly_behind_another_node_never_shows_negative_time() =>
        Assert.Equal("just now", RelativeTime.Describe(Now.AddSeconds(2), Now));

    [Theory]
    [InlineData(30, "in under a minute")]
    [InlineData(60 * 40, "in 40 min")]
    [InlineData(3600, "in 1 h")]
    public void A_moment_still_to_come_never_reads_just_now(int secondsAhead, string expected) =>
        Assert.Equal(expected, RelativeTime.Describe(Now.AddSeconds(secondsAhead), Now));

    [Theory]
    [InlineData(20, "now")]
    [InlineData(-20, "now")]
    [InlineData(60 * 40, "in 40 min")]
    [InlineData(-60 * 40, "40 min ago")]
    [InlineData(3600 * 5 + 600, "in 5 h")]
    [InlineData(-3600 * 30, "30 h ago")]
    [InlineData(86400 * 3 + 60, "in 3 d")]
    public void Due_times_are_described_either_side_of_now(int secondsFromNow, string expected) =>
        Assert.Equal(expected, RelativeTime.Around(Now.AddSeconds(secondsFromNow), Now));
}
