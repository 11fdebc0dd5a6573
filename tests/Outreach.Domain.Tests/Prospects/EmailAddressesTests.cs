using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class EmailAddressesTests
{
    [Theory]
    [InlineData("jane.doe@acme.com", "jane.doe@acme.com")]
    [InlineData("Jane.Doe@Acme.COM", "jane.doe@acme.com")]
    [InlineData("  jane@acme.com  ", "jane@acme.com")]
    [InlineData("\u00A0jane@acme.com\u200B", "jane@acme.com")]
    [InlineData("mailto:jane@acme.com", "jane@acme.com")]
    [InlineData("MAILTO:Jane@Acme.com?subject=Hello", "jane@acme.com")]
    [InlineData("<jane@acme.com>", "jane@acme.com")]
    [InlineData("\"jane@acme.com\"", "jane@acme.com")]
    [InlineData("'jane@acme.com'", "jane@acme.com")]
    [InlineData("Jane Doe <jane@acme.com>", "jane@acme.com")]
    [InlineData("\"Doe, Jane\" <Jane@Acme.com>", "jane@acme.com")]
    [InlineData("<mailto:jane@acme.com>", "jane@acme.com")]
    [InlineData("jane@acme.com;", "jane@acme.com")]
    [InlineData("jane@acme.com.", "jane@acme.com")]
    [InlineData("o'brien+leads@plumbing-pros.co.uk", "o'brien+leads@plumbing-pros.co.uk")]
    [InlineData("info@xn--mnchen-3ya.de", "info@xn--mnchen-3ya.de")]
    [InlineData("info@münchen.de", "info@xn--mnchen-3ya.de")]
    [InlineData("ｊａｎｅ＠ａｃｍｅ．ｃｏｍ", "jane@acme.com")]
    [InlineData("j@a.io", "j@a.io")]
    [InlineData("sales@shop.photography", "sales@shop.photography")]
    public void Deliverable_addresses_are_unwrapped_and_lower_cased(string raw, string expected) =>
        Assert.Equal(expected, EmailAddresses.Normalize(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("N/A")]
    [InlineData("jane")]
    [InlineData("jane@")]
    [InlineData("@acme.com")]
    [InlineData("jane@acme")]
    [InlineData("jane@@acme.com")]
    [InlineData("jane@doe@acme.com")]
    [InlineData("jane doe@acme.com")]
    [InlineData("jane@acme .com")]
    [InlineData(".jane@acme.com")]
    [InlineData("jane.@acme.com")]
    [InlineData("jane..doe@acme.com")]
    [InlineData("jane@acme..com")]
    [InlineData("jane@-acme.com")]
    [InlineData("jane@acme-.com")]
    [InlineData("jane@acme.c")]
    [InlineData("jane@acme.c0m")]
    [InlineData("jane@192.168.1.10")]
    [InlineData("jane(at)acme.com")]
    [InlineData("jane@acme.com, john@acme.com")]
    [InlineData("josé@acme.com")]
    [InlineData("jane😀@acme.com")]
    [InlineData("www.acme.com")]
    public void Undeliverable_addresses_are_null(string? raw) => Assert.Null(EmailAddresses.Normalize(raw));

    [Fact]
    public void A_local_part_longer_than_64_characters_is_rejected() =>
        Assert.Null(EmailAddresses.Normalize(new string('a', 65) + "@acme.com"));

    [Fact]
    public void An_address_longer_than_254_characters_is_rejected() =>
        Assert.Null(EmailAddresses.Normalize("jane@" + string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".com"));

    [Fact]
    public void An_address_that_is_already_normal_is_returned_without_copying()
    {
        var raw = "jane.doe@acme.com";

        Assert.Same(raw, EmailAddresses.Normalize(raw));
    }
}
