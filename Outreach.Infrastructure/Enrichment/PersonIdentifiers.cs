using Outreach.Domain.Prospects;

namespace Outreach.Infrastructure.Enrichment;

/// <summary>The identifiers in a request, normalised the way the prospect import normalises them.</summary>
internal static class PersonIdentifiers
{
    public static string? Email(EnrichmentRequest request) => EmailAddresses.Normalize(request.Email);

    /// <summary>A personal profile ("linkedin.com/in/dana-reyes"); a company page says nothing about who the person is.</summary>
    public static string? LinkedInProfile(EnrichmentRequest request) =>
        LinkedInProfiles.Normalize(request.LinkedIn) is { } page
        && (page.StartsWith("linkedin.com/in/", StringComparison.Ordinal) || page.StartsWith("linkedin.com/pub/", StringComparison.Ordinal))
            ? page
            : null;

    public static string? Phone(EnrichmentRequest request) => PhoneNumbers.Parse(request.Phone).E164;

    /// <summary>The full name as given, or first and last joined; whitespace collapsed.</summary>
    public static string? FullName(EnrichmentRequest request) =>
        Text(request.FullName) ?? Text($"{request.FirstName} {request.LastName}");

    public static string? Company(EnrichmentRequest request) => Text(request.Company);

    /// <summary>Trimmed, inner whitespace collapsed to single spaces; null when blank.</summary>
    public static string? Text(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
