using Outreach.Infrastructure.Enrichment;

namespace Outreach.Infrastructure.Tests.Enrichment;

public class DerivedEnrichmentProviderTests
{
    private static readonly DerivedEnrichmentProvider Provider = new();

    private static EnrichmentRequest Request(
        string? email = null, string? website = null, string? linkedIn = null, string? phone = null,
        string? fullName = null, string? company = null, string? title = null) =>
        new(fullName, null, null, company, email, phone, website, linkedIn, title, "CA");

    [Fact]
    public async Task A_company_email_gives_the_normalised_address_and_the_company_website()
    {
        var result = await Provider.EnrichAsync(Request(email: " Dana.Reyes@HarborBakery.com "), default);

        Assert.True(result.Found);
        Assert.Equal("dana.reyes@harborbakery.com", result.Email);
        Assert.Equal("harborbakery.com", result.Website);
        Assert.Null(result.EmailVerified);
        Assert.Equal(0m, result.Cost);
    }

    [Theory]
    [InlineData("dana@gmail.com")]
    [InlineData("dana@yahoo.co.uk")]
    [InlineData("dana@hotmail.com")]
    [InlineData("dana@outlook.com")]
    [InlineData("dana@aol.com")]
    [InlineData("dana@icloud.com")]
    [InlineData("dana@me.com")]
    [InlineData("dana@nc.rr.com")]
    [InlineData("dana@comcast.net")]
    public async Task A_free_mail_address_says_nothing_about_the_website(string email)
    {
        var result = await Provider.EnrichAsync(Request(email: email), default);

        Assert.Equal(email, result.Email);
        Assert.Null(result.Website);
    }

    [Theory]
    [InlineData("ops@live.acmeplumbing.com", "live.acmeplumbing.com")]
    [InlineData("ops@mail.xyz.io", "mail.xyz.io")]
    public async Task A_company_host_that_starts_like_a_mail_brand_is_still_the_company(string email, string website)
    {
        var result = await Provider.EnrichAsync(Request(email: email), default);

        Assert.Equal(website, result.Website);
    }

    [Fact]
    public async Task A_website_on_the_row_wins_over_the_email_domain()
    {
        var result = await Provider.EnrichAsync(Request(email: "dana@harborbakery.com", website: "https://www.HarborBakery.co/sf?utm_source=list"), default);

        Assert.Equal("harborbakery.co/sf", result.Website);
    }

    [Fact]
    public async Task An_email_address_is_never_invented_from_a_name_and_a_domain()
    {
        var result = await Provider.EnrichAsync(
            Request(fullName: "Dana Reyes", company: "Harbor Bakery", website: "harborbakery.com"), default);

        Assert.True(result.Found);
        Assert.Null(result.Email);
        Assert.Equal("harborbakery.com", result.Website);
    }

    [Fact]
    public async Task LinkedIn_and_phone_are_normalised_and_the_title_kept()
    {
        var result = await Provider.EnrichAsync(
            Request(linkedIn: "https://www.linkedin.com/in/Dana-Reyes/?trk=list", phone: "(415) 867-0134", title: "  Owner "), default);

        Assert.Equal("linkedin.com/in/dana-reyes", result.LinkedIn);
        Assert.Equal("+14158670134", result.Phone);
        Assert.Equal("Owner", result.Title);
    }

    [Fact]
    public async Task A_row_with_nothing_to_derive_is_not_found()
    {
        var result = await Provider.EnrichAsync(Request(email: "not-an-email", phone: "123", fullName: "Dana Reyes"), default);

        Assert.Equal(EnrichmentResult.NotFound, result);
    }

    [Fact]
    public void It_is_the_free_provider_named_derived()
    {
        Assert.Equal("derived", Provider.Name);
        Assert.False(Provider.IsPaid);
    }
}
