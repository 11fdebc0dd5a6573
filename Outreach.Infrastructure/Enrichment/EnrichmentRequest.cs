namespace Outreach.Infrastructure.Enrichment;

/// <summary>What we already know about a prospect, as imported (raw or normalised; providers normalise again).</summary>
public sealed record EnrichmentRequest(
    string? FullName,
    string? FirstName,
    string? LastName,
    string? Company,
    string? Email,
    string? Phone,
    string? Website,
    string? LinkedIn,
    string? Title,
    string? State);
