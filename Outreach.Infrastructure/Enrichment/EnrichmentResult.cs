namespace Outreach.Infrastructure.Enrichment;

/// <summary>
/// What a provider knows about a prospect. Addresses come back normalised (e-mail lower-cased, website and
/// LinkedIn without scheme, phone in E.164). <see cref="Cost"/> is what this call spent: zero for a free provider
/// and for a lookup answered from the record of an earlier paid one.
/// </summary>
public sealed record EnrichmentResult(
    bool Found,
    string? Email,
    bool? EmailVerified,
    string? Title,
    string? LinkedIn,
    string? Website,
    string? Phone,
    int? Employees,
    decimal? Revenue,
    string? Industry,
    decimal Cost,
    string? Raw)
{
    public static EnrichmentResult NotFound { get; } = new(false, null, null, null, null, null, null, null, null, null, 0m, null);
}
