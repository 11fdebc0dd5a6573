using Outreach.Domain.Messaging;

namespace Outreach.Domain.Tests.Messaging;

public class SmsSegmentsTests
{
    [Fact]
    public void An_empty_body_is_no_segments_because_providers_refuse_to_send_it() =>
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 0, 0), SmsSegments.Measure(""));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_holds_160_characters_alone_and_153_per_part(int length, int segments) =>
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, length, segments), SmsSegments.Measure(new string('a', length)));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2_holds_70_characters_alone_and_67_per_part(int length, int segments) =>
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Ucs2, length, segments), SmsSegments.Measure(new string('ж', length)));

    [Theory]
    [InlineData("é", 160, 1)] // in the GSM alphabet
    [InlineData("{", 80, 1)] // escaped: two septets each
    [InlineData("{", 81, 2)]
    [InlineData("ç", 71, 2)] // GSM has Ç but not ç, a classic surprise on the bill
    [InlineData("👍", 35, 1)] // a surrogate pair: two UCS-2 units
    [InlineData("👍", 36, 2)]
    [InlineData("👍", 100, 4)] // each part holds 33 whole emoji
    public void Repeated_characters_fill_parts_by_their_width(string text, int repeat, int segments) =>
        Assert.Equal(segments, SmsSegments.Measure(string.Concat(Enumerable.Repeat(text, repeat))).Segments);

    [Theory]
    [InlineData("€", 2)]
    [InlineData("{}", 4)]
    [InlineData("[~]|^\\", 12)]
    [InlineData("Price: 5€", 10)]
    public void Extension_table_characters_take_two_septets(string body, int septets)
    {
        var info = SmsSegments.Measure(body);

        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
        Assert.Equal(septets, info.Characters);
    }

    [Fact]
    public void Eighty_euro_signs_fill_one_message_and_eighty_one_need_two()
    {
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 160, 1), SmsSegments.Measure(new string('€', 80)));
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 162, 2), SmsSegments.Measure(new string('€', 81)));
    }

    [Fact]
    public void An_extension_character_is_never_split_across_parts()
    {
        // 306 septets would fit two parts of 153, but the euro sign would straddle the boundary.
        var body = new string('a', 152) + "€" + new string('a', 152);

        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 306, 3), SmsSegments.Measure(body));
    }

    [Fact]
    public void An_emoji_is_never_split_across_parts()
    {
        var body = new string('ж', 66) + "😀" + new string('ж', 66);

        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Ucs2, 134, 3), SmsSegments.Measure(body));
    }

    [Theory]
    [InlineData("🇺🇸")]            // a flag: two regional indicators
    [InlineData("👍🏽")]            // a skin tone modifier
    [InlineData("1\uFE0F\u20E3")] // a keycap
    [InlineData("👨‍👩‍👧")]        // joined with zero-width joiners
    public void An_emoji_sequence_is_never_split_across_parts(string emoji)
    {
        // The sequence would straddle the end of the first part: all of it moves to the second, and the text after
        // it overflows into a third (splitting it, as counting code points alone does, would make two).
        var body = new string('ж', 65) + emoji + new string('ж', 68 - emoji.Length);

        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Ucs2, 133, 3), SmsSegments.Measure(body));
    }

    [Fact]
    public void A_sequence_longer_than_a_part_is_cut_between_code_points()
    {
        var body = string.Concat(Enumerable.Repeat("👨‍", 30)) + "👨";

        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Ucs2, 92, 2), SmsSegments.Measure(body));
    }

    [Theory]
    [InlineData("Hi Bob 😀", 9)]
    [InlineData("It’s a deal", 11)]
    [InlineData("Ça va? ç", 8)]
    [InlineData("你好", 2)]
    public void One_character_outside_gsm_turns_the_whole_message_into_ucs2(string body, int codeUnits)
    {
        var info = SmsSegments.Measure(body);

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(codeUnits, info.Characters);
    }

    [Fact]
    public void A_long_message_with_one_emoji_costs_ucs2_parts() =>
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Ucs2, 102, 2), SmsSegments.Measure(new string('a', 100) + "😀"));

    [Fact]
    public void The_whole_gsm_alphabet_stays_gsm7()
    {
        var body = SmsSegments.BasicAlphabet + SmsSegments.ExtensionTable;

        var info = SmsSegments.Measure(body);

        Assert.Equal(127, SmsSegments.BasicAlphabet.Distinct().Count());
        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
        Assert.Equal(127 + 2 * 10, info.Characters);
    }

    [Theory]
    [InlineData("Ça va? Ñandú Ölçek", SmsEncoding.Ucs2)]
    [InlineData("Ça va? Ñ Ö Ü ß É å Ø ¿¡ §", SmsEncoding.Gsm7)]
    [InlineData("Line one\nline two\r\n", SmsEncoding.Gsm7)]
    [InlineData("ΔΦΓΛΩΠΨΣΘΞ", SmsEncoding.Gsm7)]
    [InlineData("αβγ", SmsEncoding.Ucs2)]
    public void Accented_and_greek_letters_are_gsm7_only_when_in_the_alphabet(string body, SmsEncoding encoding) =>
        Assert.Equal(encoding, SmsSegments.Measure(body).Encoding);
}
