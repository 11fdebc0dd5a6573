using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class PhoneNumbersTests
{
    [Theory]
    [InlineData("4155552671", "+14155552671")]
    [InlineData("(415) 555-2671", "+14155552671")]
    [InlineData("415.555.2671", "+14155552671")]
    [InlineData("415-555-2671", "+14155552671")]
    [InlineData("415 555 2671", "+14155552671")]
    [InlineData("415/555-2671", "+14155552671")]
    [InlineData("1-415-555-2671", "+14155552671")]
    [InlineData("1 (415) 555-2671", "+14155552671")]
    [InlineData("14155552671", "+14155552671")]
    [InlineData("+1 415 555 2671", "+14155552671")]
    [InlineData("+1-415-555-2671", "+14155552671")]
    [InlineData("+14155552671", "+14155552671")]
    [InlineData("  (212) 736-5000  ", "+12127365000")]
    [InlineData("'2127365000", "+12127365000")]
    [InlineData("=\"2127365000\"", "+12127365000")]
    [InlineData("2127365000.0", "+12127365000")]
    [InlineData("212\u00A0736\u00A05000", "+12127365000")]
    [InlineData("\uFEFF(212) 736-5000", "+12127365000")]
    [InlineData("２１２７３６５０００", "+12127365000")]
    [InlineData("（２１２）７３６－５０００", "+12127365000")]
    [InlineData("212‐736‐5000", "+12127365000")]
    [InlineData("📞 (212) 736-5000", "+12127365000")]
    [InlineData("☎️ 212-736-5000", "+12127365000")]
    [InlineData("Tel: 212-736-5000", "+12127365000")]
    [InlineData("tel:+12127365000", "+12127365000")]
    [InlineData("Mobile: (512) 867-5309", "+15128675309")]
    [InlineData("(512) 867-5309 mobile", "+15128675309")]
    [InlineData("(512) 867-5309 (cell)", "+15128675309")]
    [InlineData("512-867-5309; 512-867-1234", "+15128675309")]
    [InlineData("512-867-5309, 512-867-1234", "+15128675309")]
    [InlineData("512-867-5309 or 512-867-1234", "+15128675309")]
    [InlineData("(604) 555-2671", "+16045552671")]
    [InlineData("787-555-2671", "+17875552671")]
    public void North_american_numbers_in_any_punctuation_become_e164(string raw, string expected)
    {
        var parse = PhoneNumbers.Parse(raw);

        Assert.True(parse.IsValid, parse.Error);
        Assert.Equal(expected, parse.E164);
        Assert.Null(parse.Extension);
    }

    [Theory]
    [InlineData("(212) 736-5000 x123", "+12127365000", "123")]
    [InlineData("212-736-5000x7", "+12127365000", "7")]
    [InlineData("212.736.5000 ext. 45", "+12127365000", "45")]
    [InlineData("212.736.5000 Ext 45", "+12127365000", "45")]
    [InlineData("212-736-5000 extension 4410", "+12127365000", "4410")]
    [InlineData("212-736-5000 EXTN: 12", "+12127365000", "12")]
    [InlineData("212-736-5000 #201", "+12127365000", "201")]
    [InlineData("+1 (212) 736-5000 ext. 45", "+12127365000", "45")]
    [InlineData("212-736-5000, ext 45", "+12127365000", "45")]
    [InlineData("212-736-5000 (ext. 45)", "+12127365000", "45")]
    [InlineData("+44 20 7946 0958 x12", "+442079460958", "12")]
    public void Extensions_are_stripped_and_returned(string raw, string expected, string extension)
    {
        var parse = PhoneNumbers.Parse(raw);

        Assert.Equal(expected, parse.E164);
        Assert.Equal(extension, parse.Extension);
    }

    [Theory]
    [InlineData("1-800-FLOWERS", "+18003569377")]
    [InlineData("800-GO-FEDEX", "+18004633339")]
    [InlineData("1-800-FIX-1234", "+18003491234")]
    [InlineData("+1 888 NEW-CARS", "+18886392277")]
    [InlineData("1-800-FLOWERS-NOW", "+18003569377")]
    public void Vanity_numbers_are_converted_with_the_keypad(string raw, string expected) =>
        Assert.Equal(expected, PhoneNumbers.Parse(raw).E164);

    [Theory]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+49 (0)30 901820", "+4930901820")]
    [InlineData("+61 2 9374 4000", "+61293744000")]
    [InlineData("+52 55 5080 2000", "+525550802000")]
    [InlineData("011 44 20 7946 0958", "+442079460958")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    [InlineData("+353 1 234 5678", "+35312345678")]
    public void Other_countries_are_accepted_with_an_explicit_country_code(string raw, string expected) =>
        Assert.Equal(expected, PhoneNumbers.Parse(raw).E164);

    [Theory]
    [InlineData("555-12", "5 digits")]
    [InlineData("867-5309", "7 digits")]
    [InlineData("212-736-500", "9 digits")]
    [InlineData("212-736-50000", "11 digits without a leading 1")]
    [InlineData("212-736-5000-12345", "15 digits")]
    [InlineData("12345678901234567890", "20 digits")]
    [InlineData("(000) 123-4567", "area code 000 cannot start with 0")]
    [InlineData("(123) 456-7890", "area code 123 cannot start with 1")]
    [InlineData("(411) 736-5000", "area code 411 is an N11 service code")]
    [InlineData("(911) 736-5000", "area code 911 is an N11 service code")]
    [InlineData("(212) 036-5000", "exchange 036 cannot start with 0")]
    [InlineData("(212) 136-5000", "exchange 136 cannot start with 1")]
    [InlineData("(415) 555-0123", "555-01xx numbers are reserved for fiction")]
    [InlineData("+1 (415) 555-0123 ext. 45", "555-01xx numbers are reserved for fiction")]
    [InlineData("415.555.0123", "555-01xx numbers are reserved for fiction")]
    [InlineData("4155550123.0", "555-01xx numbers are reserved for fiction")]
    [InlineData("(222) 222-2222", "all digits are the same")]
    [InlineData("999-999-9999", "all digits are the same")]
    [InlineData("+1 212 736 50", "8 digits after +1")]
    [InlineData("+44 20 79", "6 digits; international numbers have 8 to 15")]
    [InlineData("+0 20 7946 0958", "country code cannot start with 0")]
    [InlineData("Call the office", "contains letters")]
    [InlineData("+44 20 HELLO", "contains letters")]
    [InlineData("212*736*5000", "unexpected character '*'")]
    [InlineData("jane@acme.com", "contains letters")]
    [InlineData("( ) -", "no digits")]
    [InlineData("2.12736E+09", "turned into scientific notation by a spreadsheet; digits were lost")]
    [InlineData("4.15555E+09", "turned into scientific notation by a spreadsheet; digits were lost")]
    public void Impossible_numbers_are_rejected_with_a_readable_reason(string raw, string error)
    {
        var parse = PhoneNumbers.Parse(raw);

        Assert.False(parse.IsValid);
        Assert.Null(parse.E164);
        Assert.Equal(error, parse.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0\u200B")]
    [InlineData("N/A")]
    [InlineData("none")]
    [InlineData("#N/A")]
    [InlineData("(blank)")]
    public void A_blank_or_placeholder_cell_is_missing(string? raw) =>
        Assert.Equal(new PhoneParse(null, null, "missing"), PhoneNumbers.Parse(raw));

    [Fact]
    public void A_very_long_cell_is_rejected_without_scanning_it_forever()
    {
        var parse = PhoneNumbers.Parse(new string('7', 100_000));

        Assert.Equal("100000 digits", parse.Error);
    }

    [Theory]
    [InlineData("+14155552671", "415")]
    [InlineData("+12127365000", "212")]
    [InlineData("+16045552671", "604")]
    [InlineData("+442079460958", null)]
    [InlineData("+1415555267", null)]
    [InlineData("4155552671", null)]
    [InlineData("", null)]
    public void The_area_code_is_read_from_north_american_numbers_only(string e164, string? expected) =>
        Assert.Equal(expected, PhoneNumbers.AreaCode(e164));

    [Theory]
    [InlineData("(999) 736-5000", "area code 999 is not in service")]
    [InlineData("(370) 736-5000", "area code 370 is not in service")]
    [InlineData("+1 (960) 555-2671", "area code 960 is not in service")]
    [InlineData("+44 20 7946 09580", "too long for a GB number")]
    [InlineData("+33 1 42 68 53", "too short for a FR number")]
    [InlineData("+999 1234 5678", "unknown country code")]
    [InlineData("+44 99 1234 5678", "not a GB number")]
    [InlineData("+52 1 55 5080 2000", "too long for a MX number")] // Mexico dropped the mobile 1 in 2019
    public void Numbers_the_numbering_plan_does_not_know_are_rejected(string raw, string error)
    {
        var parse = PhoneNumbers.Parse(raw);

        Assert.False(parse.IsValid);
        Assert.Equal(error, parse.Error);
    }

    [Theory]
    [InlineData("+33 1 42 68 53 00", "+33142685300")]
    [InlineData("+33 (0)1 42 68 53 00", "+33142685300")]
    [InlineData("+44 7911 123456", "+447911123456")]
    [InlineData("+1 876 927 1234", "+18769271234")]
    [InlineData("(416) 555-2671", "+14165552671")]
    [InlineData("1-800-356-9377", "+18003569377")]
    public void Numbers_the_numbering_plan_knows_are_accepted(string raw, string expected) =>
        Assert.Equal(expected, PhoneNumbers.Parse(raw).E164);

    [Theory]
    [InlineData("212\u00AD736\u00AD5000", "+12127365000")]
    [InlineData("\u200B+44\u00A020\u00A07946\u00A00958", "+442079460958")]
    [InlineData("＋４４ ２０ ７９４６ ０９５８", "+442079460958")]
    [InlineData("+33\u202F1\u202F42\u202F68\u202F53\u202F00", "+33142685300")]
    [InlineData("\u202A+49 30 901820\u202C", "+4930901820")]
    public void Pasted_invisible_characters_and_full_width_digits_are_cleaned_before_the_plan_sees_them(string raw, string expected) =>
        Assert.Equal(expected, PhoneNumbers.Parse(System.Text.RegularExpressions.Regex.Unescape(raw)).E164);

    [Theory]
    [InlineData("+12127365000", "(212) 736-5000")]
    [InlineData("+442079460958", "+44 20 7946 0958")]
    [InlineData("+33142685300", "+33 1 42 68 53 00")]
    [InlineData("+4930901820", "+49 30 901820")]
    [InlineData("not a number", "not a number")]
    public void Numbers_are_displayed_as_their_country_writes_them(string e164, string expected) =>
        Assert.Equal(expected, PhoneNumbers.Display(e164));
}
