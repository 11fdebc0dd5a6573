using System.Security.Cryptography;
using System.Text;
using Outreach.Infrastructure.Enrichment;

namespace Outreach.Infrastructure.Tests.Enrichment;

public class PersonKeysTests
{
    private static EnrichmentRequest Request(
        string? email = null, string? linkedIn = null, string? phone = null,
        string? fullName = null, string? first = null, string? last = null, string? company = null) =>
        new(fullName, first, last, company, email, phone, null, linkedIn, null, null);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void The_key_is_the_sha256_of_the_normalised_email_when_there_is_one()
    {
        var key = PersonKeys.For(Request(email: "Dana@HarborBakery.com", phone: "4158670134", fullName: "Dana Reyes"));

        Assert.Equal(Sha256("dana@harborbakery.com"), key);
        Assert.Equal(64, key!.Length);
    }

    [Fact]
    public void Without_email_the_linkedin_profile_then_the_phone_then_name_at_company_identify_the_person()
    {
        Assert.Equal(Sha256("linkedin.com/in/dana-reyes"), PersonKeys.For(Request(linkedIn: "https://www.linkedin.com/in/Dana-Reyes/", phone: "4158670134")));
        Assert.Equal(Sha256("+14158670134"), PersonKeys.For(Request(phone: "(415) 867-0134", fullName: "Dana Reyes")));
        Assert.Equal(Sha256("dana reyes|harbor bakery"), PersonKeys.For(Request(fullName: "  DANA   Reyes ", company: "Harbor  Bakery")));
        Assert.Equal(Sha256("dana reyes|"), PersonKeys.For(Request(first: "Dana", last: "Reyes")));
    }

    [Fact]
    public void The_same_person_written_differently_gets_the_same_key()
    {
        Assert.Equal(PersonKeys.For(Request(phone: "+1 415 867 0134")), PersonKeys.For(Request(phone: "415.867.0134")));
        Assert.Equal(PersonKeys.For(Request(fullName: "Dana Reyes", company: "Harbor Bakery")),
            PersonKeys.For(Request(first: "dana", last: "reyes", company: "HARBOR BAKERY")));
    }

    [Fact]
    public void A_company_page_does_not_identify_a_person()
    {
        Assert.Equal(Sha256("+14158670134"), PersonKeys.For(Request(linkedIn: "linkedin.com/company/harbor-bakery", phone: "4158670134")));
    }

    [Fact]
    public void A_request_that_names_nobody_has_no_key()
    {
        Assert.Null(PersonKeys.For(Request(email: "n/a", phone: "123", company: "Harbor Bakery")));
    }
}
