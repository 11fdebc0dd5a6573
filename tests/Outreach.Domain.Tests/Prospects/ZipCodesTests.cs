using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class ZipCodesTests
{
    [Theory]
    [InlineData("94105", "94105")]
    [InlineData(" 94105 ", "94105")]
    [InlineData("94105-1234", "94105-1234")]
    [InlineData("94105 1234", "94105-1234")]
    [InlineData("941051234", "94105-1234")]
    [InlineData("2134", "02134")]
    [InlineData("501", "00501")]
    [InlineData("'02134", "02134")]
    [InlineData("=\"02134\"", "02134")]
    [InlineData("21341234", "02134-1234")]
    [InlineData("2134-5678", "02134-5678")]
    [InlineData("94105.0", "94105")]
    [InlineData("９４１０５", "94105")]
    [InlineData("94105–1234", "94105-1234")]
    [InlineData("K1A 0B1", "K1A 0B1")]
    [InlineData("k1a0b1", "K1A 0B1")]
    [InlineData("M5V-3L9", "M5V 3L9")]
    public void Zip_codes_are_padded_and_formatted(string raw, string expected) =>
        Assert.Equal(expected, ZipCodes.Normalize(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("N/A")]
    [InlineData("12")]
    [InlineData("123456")]
    [InlineData("1234567")]
    [InlineData("1234567890")]
    [InlineData("00000")]
    [InlineData("94105-12")]
    [InlineData("94105-12345")]
    [InlineData("9410A")]
    [InlineData("SW1A 1AA")]
    [InlineData("D1A 0B1")]
    [InlineData("W1A 0B1")]
    public void Anything_that_cannot_be_a_zip_is_null(string? raw) => Assert.Null(ZipCodes.Normalize(raw));

    [Fact]
    public void A_zip_that_is_already_normal_is_returned_without_copying()
    {
        var raw = "94105-1234";

        Assert.Same(raw, ZipCodes.Normalize(raw));
    }
}
