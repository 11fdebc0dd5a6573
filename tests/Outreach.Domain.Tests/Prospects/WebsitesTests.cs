using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class WebsitesTests
{
    [Theory]
    [InlineData("acme.com", "acme.com")]
    [InlineData("www.acme.com", "acme.com")]
    [InlineData("https://www.acme.com/", "acme.com")]
    [InlineData("HTTP://WWW.ACME.COM", "acme.com")]
    [InlineData("https://acme.com/Plumbing/Repairs/", "acme.com/Plumbing/Repairs")]
    [InlineData("https://acme.com/?utm_source=list", "acme.com")]
    [InlineData("acme.com/about#team", "acme.com/about")]
    [InlineData("//shop.acme.co.uk", "shop.acme.co.uk")]
    [InlineData("https://acme.com:8443/store", "acme.com/store")]
    [InlineData("  www.acme.com.  ", "acme.com")]
    [InlineData("https://café.fr", "xn--caf-dma.fr")]
    public void Sites_become_a_lower_case_host_and_path(string raw, string expected) =>
        Assert.Equal(expected, Websites.Normalize(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("N/A")]
    [InlineData("none")]
    [InlineData("acme")]
    [InlineData("info@acme.com")]
    [InlineData("mailto:info@acme.com")]
    [InlineData("ftp://files.acme.com")]
    [InlineData("http://")]
    [InlineData("acme .com")]
    [InlineData("localhost")]
    public void Text_that_is_not_a_web_address_is_null(string? raw) => Assert.Null(Websites.Normalize(raw));
}

public class LinkedInProfilesTests
{
    [Theory]
    [InlineData("https://www.linkedin.com/in/jane-doe/", "linkedin.com/in/jane-doe")]
    [InlineData("http://linkedin.com/in/JaneDoe?trk=public_profile", "linkedin.com/in/janedoe")]
    [InlineData("linkedin.com/in/jane-doe-4a2b1c", "linkedin.com/in/jane-doe-4a2b1c")]
    [InlineData("uk.linkedin.com/in/jane-doe", "linkedin.com/in/jane-doe")]
    [InlineData("https://www.linkedin.com/company/acme-plumbing", "linkedin.com/company/acme-plumbing")]
    [InlineData("www.linkedin.com/pub/jane-doe/1/2b/3c", "linkedin.com/pub/jane-doe/1/2b/3c")]
    [InlineData("in/jane-doe", "linkedin.com/in/jane-doe")]
    [InlineData("jane-doe", "linkedin.com/in/jane-doe")]
    [InlineData(" JaneDoe ", "linkedin.com/in/janedoe")]
    public void Profiles_and_handles_become_a_canonical_address(string raw, string expected) =>
        Assert.Equal(expected, LinkedInProfiles.Normalize(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("N/A")]
    [InlineData("Yes")]
    [InlineData("TRUE")]
    [InlineData("https://www.linkedin.com/")]
    [InlineData("https://www.linkedin.com/feed/")]
    [InlineData("https://www.linkedin.com/sales/lead/ACwAAB123")]
    [InlineData("https://twitter.com/janedoe")]
    [InlineData("https://notlinkedin.com/in/jane")]
    [InlineData("jd")]
    [InlineData("Jane Doe")]
    [InlineData("jane@acme.com")]
    public void Anything_else_is_dropped(string? raw) => Assert.Null(LinkedInProfiles.Normalize(raw));
}
