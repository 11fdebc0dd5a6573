using Outreach.Infrastructure.Messaging.Simulator;

namespace Outreach.Infrastructure.Tests.Messaging.Simulator;

public class SmsSegmentsTests
{
    [Theory]
    [InlineData("a", 1, 1)]
    [InlineData("a", 160, 1)]
    [InlineData("a", 161, 2)]
    [InlineData("a", 306, 2)]
    [InlineData("a", 307, 3)]
    [InlineData("é", 160, 1)] // in the GSM alphabet
    [InlineData("{", 80, 1)] // escaped: two septets each
    [InlineData("{", 81, 2)]
    [InlineData("€", 81, 2)]
    [InlineData("Ж", 70, 1)] // outside GSM: UCS-2
    [InlineData("Ж", 71, 2)]
    [InlineData("Ж", 134, 2)]
    [InlineData("Ж", 135, 3)]
    [InlineData("ç", 71, 2)] // GSM has Ç but not ç, a classic surprise on the bill
    [InlineData("👍", 35, 1)] // a surrogate pair: two UCS-2 units
    [InlineData("👍", 36, 2)]
    public void Segments_follow_the_gsm7_and_ucs2_limits(string text, int repeat, int expected)
    {
        Assert.Equal(expected, SmsSegments.Count(string.Concat(Enumerable.Repeat(text, repeat))));
    }

    [Fact]
    public void One_character_outside_gsm_turns_the_whole_text_into_ucs2()
    {
        Assert.Equal(1, SmsSegments.Count(new string('a', 70)));
        Assert.Equal(2, SmsSegments.Count(new string('a', 70) + "😀"));
    }

    [Fact]
    public void An_escaped_character_is_never_split_across_two_parts()
    {
        // 306 septets would fit two parts of 153, but the escape pair cannot straddle the boundary.
        Assert.Equal(3, SmsSegments.Count(new string('a', 152) + "{" + new string('a', 152)));
    }

    [Fact]
    public void A_surrogate_pair_is_never_split_across_two_parts()
    {
        // 134 units would fit two parts of 67, but the emoji cannot straddle the boundary.
        Assert.Equal(3, SmsSegments.Count(new string('Ж', 66) + "👍" + new string('Ж', 66)));
    }
}
