using Outreach.Domain.Prospects;

namespace Outreach.Infrastructure.Enrichment;

/// <summary>
/// The embedded default: what can be read off the row itself, at no cost and without leaving the process.
/// It normalises what is there and infers the company's website from a company e-mail domain, and nothing
/// more. In particular it never guesses an address from a name and a domain ("first.last@acme.com"): an
/// invented address bounces or reaches the wrong person, and either one hurts the sender's reputation.
/// </summary>
public sealed class DerivedEnrichmentProvider : IEnrichmentProvider
{
    public string Name => EnrichmentProviderNames.Derived;

    public bool IsPaid => false;

    public Task<EnrichmentResult> EnrichAsync(EnrichmentRequest request, CancellationToken ct) =>
        Task.FromResult(Derive(request));

    private static EnrichmentResult Derive(EnrichmentRequest request)
    {
        var email = EmailAddresses.Normalize(request.Email);
        var website = Websites.Normalize(request.Website) ?? CompanyDomainOf(email);
        var linkedIn = LinkedInProfiles.Normalize(request.LinkedIn);
        var phone = PhoneNumbers.Parse(request.Phone).E164;
        var title = string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim();

        var found = email is not null || website is not null || linkedIn is not null || phone is not null;
        return found
            // EmailVerified stays unknown: a well-formed address is not a deliverable one.
            ? new EnrichmentResult(true, email, null, title, linkedIn, website, phone, null, null, null, 0m, null)
            : EnrichmentResult.NotFound;
    }

    private static string? CompanyDomainOf(string? email)
    {
        if (email is null)
        {
            return null;
        }
        var domain = email[(email.IndexOf('@') + 1)..];
        return FreeMailDomains.Contains(domain) ? null : Websites.Normalize(domain);
    }
}
