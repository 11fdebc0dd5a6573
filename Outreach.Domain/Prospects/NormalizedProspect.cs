namespace Outreach.Domain.Prospects;

/// <summary>
/// One imported row after clean-up: canonical phone (E.164), e-mail, state and ZIP, derived industry,
/// revenue tier, decision-maker flag, time zone and fit score, plus what was dropped along the way.
/// </summary>
public sealed record NormalizedProspect(
    string? FullName,
    string? FirstName,
    string? LastName,
    string? Company,
    string? Title,
    string? Phone,
    string? PhoneExtension,
    string? SecondaryPhone,
    string? Email,
    bool EmailVerified,
    string? Address,
    string? City,
    string? State,
    string? Zip,
    string? County,
    string? Website,
    string? LinkedIn,
    string? Sic,
    string? Sector,
    string? SubSector,
    decimal? Revenue,
    RevenueTier? RevenueTier,
    int? Employees,
    bool IsOwnerOrExecutive,
    string? TimeZone,
    IReadOnlyList<string> Tags,
    string? Notes,
    int Score,
    IReadOnlyList<string> Warnings);
