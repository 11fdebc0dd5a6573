using System.Security.Cryptography;
using System.Text;

namespace Outreach.Infrastructure.Enrichment;

/// <summary>
/// Who a lookup is about, as a key that can be stored without storing the person: the SHA-256 (lower-case hex)
/// of the best identifier in the request. E-mail beats LinkedIn beats phone beats name at company, because that
/// is the order in which they single out one person. The same person asked about once by e-mail and once by
/// phone alone gets two keys; that costs a second lookup, never a wrong answer.
/// </summary>
public static class PersonKeys
{
    /// <summary>The key, or null when the request names nobody (then no paid provider is asked).</summary>
    public static string? For(EnrichmentRequest request)
    {
        var identifier = PersonIdentifiers.Email(request)
            ?? PersonIdentifiers.LinkedInProfile(request)
            ?? PersonIdentifiers.Phone(request)
            ?? NameAtCompany(request);
        return identifier is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identifier)));
    }

    private static string? NameAtCompany(EnrichmentRequest request) =>
        PersonIdentifiers.FullName(request) is { } name
            ? string.Concat(name.ToLowerInvariant(), "|", PersonIdentifiers.Company(request)?.ToLowerInvariant())
            : null;
}
