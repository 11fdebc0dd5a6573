#pragma warning disable
namespace Outreach.Domain.Prospects
{
    public enum ProspectField { FullName, FirstName, LastName, Company, Title, Phone, SecondaryPhone, Email, EmailVerified, Address, City, State, Zip, County, Website, LinkedIn, Sic, Revenue, Employees, Tags, Notes }
    public static class ColumnMapping { public static ProspectField? Recognise(string h) => null; public static IReadOnlyList<ProspectField?> Propose(IReadOnlyList<string> h) => h.Select(_ => (ProspectField?)null).ToList(); }
    public readonly record struct PhoneParse(string? E164, string? Extension, string? Error) { public bool IsValid => E164 is not null; }
    public static class PhoneNumbers { public static PhoneParse Parse(string? raw) => new(raw, null, null); public static string? AreaCode(string e) => null; }
    public static class EmailAddresses { public static string? Normalize(string? raw) => raw; }
    public static class TimeZones { public static string? Resolve(string? s, string? p) => null; }
    public static class AreaCodes { public static string? StateFor(string a) => null; }
    public enum RevenueTier { Startup, MainStreet, Growth, Established, Enterprise }
    public sealed record ScoreItem(string Reason, int Points);
    public sealed record LeadScore(int Total, IReadOnlyList<ScoreItem> Items);
    public static class LeadScoring { public static LeadScore Score(bool a, bool b, bool c, RevenueTier? t, int e = 0) => new(50, []); }
    public sealed record NormalizedProspect(
        string? FullName, string? FirstName, string? LastName, string? Company, string? Title,
        string? Phone, string? PhoneExtension, string? SecondaryPhone, string? Email, bool EmailVerified,
        string? Address, string? City, string? State, string? Zip, string? County, string? Website, string? LinkedIn,
        string? Sic, string? Sector, string? SubSector, decimal? Revenue, RevenueTier? RevenueTier, int? Employees,
        bool IsOwnerOrExecutive, string? TimeZone, IReadOnlyList<string> Tags, string? Notes,
        int Score, IReadOnlyList<string> Warnings);
    public readonly record struct ProspectRowResult(NormalizedProspect? Prospect, string? Rejection);
    public static class ProspectRows { public static ProspectRowResult Normalize(IReadOnlyList<string?> v) => default; }
}
