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
    [InlineData(60 * 20, "in 20 min")]
    [InlineData(60 * 60 * 2, "in 2 h 00 min")]
    [InlineData(60 * 60 * 23 + 60 * 5, "in 23 h 05 min")]
    [InlineData(60 * 60 * 30, "Nov 23, 18:00")]
    public void Scheduled_moments_say_how_soon(int secondsAhead, string expected) =>
        Assert.Equal(expected, RelativeTime.Describe(Now.AddSeconds(secondsAhead), Now));
}
