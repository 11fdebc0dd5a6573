using Outreach.Infrastructure.Messaging.Twilio;

namespace Outreach.Infrastructure.Tests.Messaging;

/// <summary>Vectors from Twilio's helper libraries' own tests (twilio-csharp, twilio-python RequestValidator).</summary>
public class TwilioSignatureTests
{
    private const string AuthToken = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    // Deliberately out of order: the signature sorts them.
    private static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("From", "+14158675309"),
        new("Digits", "1234"),
        new("To", "+18005551212"),
        new("Caller", "+14158675309"),
    ];

    [Fact]
    public void Compute_reproduces_twilios_published_signature()
    {
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.Compute(AuthToken, Url, Parameters));
    }

    [Fact]
    public void The_published_signature_is_valid()
    {
        Assert.True(TwilioSignature.IsValid(AuthToken, Url, Parameters, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public void Repeated_parameters_are_each_signed_sorted_by_value()
    {
        KeyValuePair<string, string>[] repeated = [new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234")];

        Assert.Equal("IK+Dwps556ElfBT0I3Rgjkr1wJU=", TwilioSignature.Compute(AuthToken, Url, repeated));
        Assert.True(TwilioSignature.IsValid(AuthToken, Url, repeated, "IK+Dwps556ElfBT0I3Rgjkr1wJU="));
    }

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")] // signed with :443, received without
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")] // signed with :80, received without
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")] // signed without, received with :443
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")] // behind a proxy on another port
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")] // signed with that port
    public void A_signature_is_valid_with_or_without_the_port(string receivedUrl, string signature)
    {
        Assert.True(TwilioSignature.IsValid(AuthToken, receivedUrl, Parameters, signature));
    }

    [Fact]
    public void A_tampered_value_is_rejected()
    {
        var tampered = Parameters.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "1235") : p);

        Assert.False(TwilioSignature.IsValid(AuthToken, Url, tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public void A_different_url_is_rejected()
    {
        Assert.False(TwilioSignature.IsValid(AuthToken, Url.Replace("bar=2", "bar=3"), Parameters, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public void Another_accounts_token_is_rejected()
    {
        Assert.False(TwilioSignature.IsValid("54321", Url, Parameters, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public void A_missing_or_wrong_header_is_rejected(string? header)
    {
        Assert.False(TwilioSignature.IsValid(AuthToken, Url, Parameters, header));
    }

    [Theory]
    [InlineData("https://mycompany.com/a?b=1", "https://mycompany.com/a?b=1", "https://mycompany.com:443/a?b=1")]
    [InlineData("http://MyCompany.com:8080/a", "http://MyCompany.com/a", "http://MyCompany.com:8080/a")]
    [InlineData("https://user:pw@mycompany.com/a", "https://user:pw@mycompany.com/a", "https://user:pw@mycompany.com:443/a")]
    [InlineData("https://[2001:db8::1]:8443/a", "https://[2001:db8::1]/a", "https://[2001:db8::1]:8443/a")]
    [InlineData("https://[2001:db8::1]/a", "https://[2001:db8::1]/a", "https://[2001:db8::1]:443/a")]
    [InlineData("https://mycompany.com?x=http://other.com:99/", "https://mycompany.com?x=http://other.com:99/", "https://mycompany.com:443?x=http://other.com:99/")]
    public void Port_variants_change_only_the_port(string url, string withoutPort, string withStandardPort)
    {
        Assert.Equal(withoutPort, TwilioSignature.UrlPorts.WithoutPort(url));
        Assert.Equal(withStandardPort, TwilioSignature.UrlPorts.WithStandardPort(url));
    }
}
