using System.Collections.Frozen;
using System.Globalization;

namespace Outreach.Domain.Prospects;

/// <summary>Turns one row of an uploaded list into a prospect, or into the reason it cannot be one.</summary>
public static class ProspectRows
{
    public const int MaxNameLength = 200;
    public const int MaxTitleLength = 200;
    public const int MaxAddressLength = 300;
    public const int MaxPlaceLength = 100;
    public const int MaxNotesLength = 4000;
    public const int MaxTagLength = 50;
    public const int MaxTags = 20;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Truthy =
        new[] { "yes", "y", "true", "t", "1", "1.0", "x", "✓", "✔", "ok", "verified", "valid", "deliverable" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Normalises a row whose raw cells are indexed by <see cref="ProspectField"/>. Invalid optional values
    /// are dropped with a warning; the row is rejected when it has no valid phone and no valid e-mail
    /// (nothing to send to) or neither a name nor a company (nothing to address).
    /// </summary>
    /// <remarks>
    /// When the main phone is missing or invalid, a valid secondary phone takes its place: the first
    /// phone is the one campaigns text, and the prospect is reachable on the other.
    /// </remarks>
    public static ProspectRowResult Normalize(IReadOnlyList<string?> values)
    {
        List<string>? warnings = null;

        var primaryRaw = Raw(values, ProspectField.Phone);
        var secondaryRaw = Raw(values, ProspectField.SecondaryPhone);
        var emailRaw = Raw(values, ProspectField.Email);
        var primary = PhoneNumbers.Parse(primaryRaw);
        var secondary = PhoneNumbers.Parse(secondaryRaw);
        var email = EmailAddresses.Normalize(emailRaw);
        var primaryIssue = PhoneIssue.Of("phone", primaryRaw, primary);
        var secondaryIssue = PhoneIssue.Of("secondary phone", secondaryRaw, secondary);
        var emailIssue = email is null && HasText(emailRaw) ? $"e-mail '{CellText.Excerpt(emailRaw!)}' invalid" : null;

        var (fullName, firstName, lastName) = Names(values, ref warnings);
        var company = Text(values, ProspectField.Company, MaxNameLength, "company", ref warnings);

        var reachable = primary.IsValid || secondary.IsValid || email is not null;
        if (!reachable || (fullName is null && company is null))
        {
            return new ProspectRowResult(null, Rejection(reachable, fullName ?? company, primaryIssue, secondaryIssue, emailIssue));
        }

        var (phone, extension, secondaryPhone) = primary.IsValid
            ? (primary.E164, primary.Extension, secondary.IsValid && secondary.E164 != primary.E164 ? secondary.E164 : null)
            : (secondary.E164, secondary.Extension, null);
        Warn(ref warnings, primaryIssue?.Warning);
        Warn(ref warnings, secondaryIssue?.Warning);
        Warn(ref warnings, emailIssue);

        var title = Text(values, ProspectField.Title, MaxTitleLength, "title", ref warnings);
        var state = Parsed(values, ProspectField.State, UsStates.Normalize, "state '{0}' not recognised", ref warnings);
        var zip = Parsed(values, ProspectField.Zip, ZipCodes.Normalize, "zip '{0}' invalid", ref warnings);
        var website = Parsed(values, ProspectField.Website, Websites.Normalize, "website '{0}' invalid", ref warnings);
        var linkedIn = Parsed(values, ProspectField.LinkedIn, LinkedInProfiles.Normalize, "LinkedIn '{0}' is not a linkedin.com address", ref warnings);
        var sic = Parsed(values, ProspectField.Sic, SicCodes.Lookup, "SIC '{0}' not recognised", ref warnings);
        var revenue = Parsed(values, ProspectField.Revenue, Revenue.Parse, "revenue '{0}' not understood", ref warnings);
        var employees = Parsed(values, ProspectField.Employees, EmployeeCounts.Parse, "employees '{0}' not understood", ref warnings);

        var emailVerified = email is not null && IsTruthy(Raw(values, ProspectField.EmailVerified));
        var tier = RevenueTiers.For(revenue);
        var isDecisionMaker = Titles.IsOwnerOrExecutive(title);

        var prospect = new NormalizedProspect(
            FullName: fullName,
            FirstName: firstName,
            LastName: lastName,
            Company: company,
            Title: title,
            Phone: phone,
            PhoneExtension: extension,
            SecondaryPhone: secondaryPhone,
            Email: email,
            EmailVerified: emailVerified,
            Address: Text(values, ProspectField.Address, MaxAddressLength, "address", ref warnings),
            City: Text(values, ProspectField.City, MaxPlaceLength, "city", ref warnings),
            State: state,
            Zip: zip,
            County: Text(values, ProspectField.County, MaxPlaceLength, "county", ref warnings),
            Website: website,
            LinkedIn: linkedIn,
            Sic: sic?.Code,
            Sector: sic?.Sector,
            SubSector: sic?.SubSector,
            Revenue: revenue,
            RevenueTier: tier,
            Employees: employees,
            IsOwnerOrExecutive: isDecisionMaker,
            TimeZone: TimeZones.Resolve(state, phone),
            Tags: Tags(Raw(values, ProspectField.Tags), ref warnings),
            Notes: Text(values, ProspectField.Notes, MaxNotesLength, "notes", ref warnings),
            Score: LeadScoring.Total(isDecisionMaker, emailVerified, linkedIn is not null, tier),
            Warnings: (IReadOnlyList<string>?)warnings ?? []);
        return new ProspectRowResult(prospect, null);
    }

    private static string? Raw(IReadOnlyList<string?> values, ProspectField field) =>
        (int)field < values.Count ? values[(int)field] : null;

    private static bool HasText(string? raw)
    {
        if (raw is null)
        {
            return false;
        }
        var text = CellText.Trim(raw);
        return !text.IsEmpty && !CellText.IsPlaceholder(text);
    }

    private static bool IsTruthy(string? raw) => raw is not null && Truthy.Contains(CellText.Trim(raw));

    private static string Rejection(bool reachable, string? addressee, PhoneIssue? primary, PhoneIssue? secondary, string? email)
    {
        var reasons = new List<string>(2);
        if (!reachable)
        {
            var details = new List<string>(3);
            if (primary is { } p)
            {
                details.Add(p.Reason);
            }
            if (secondary is { } s)
            {
                details.Add(s.Reason);
            }
            if (email is not null)
            {
                details.Add(email);
            }
            reasons.Add(details.Count == 0 ? "no phone or e-mail" : $"no valid phone or e-mail ({string.Join("; ", details)})");
        }
        if (addressee is null)
        {
            reasons.Add("no name or company");
        }
        return string.Join("; ", reasons);
    }

    private static (string? Full, string? First, string? Last) Names(IReadOnlyList<string?> values, ref List<string>? warnings)
    {
        var full = Recased(Text(values, ProspectField.FullName, MaxNameLength, "full name", ref warnings));
        var first = Recased(Text(values, ProspectField.FirstName, MaxNameLength, "first name", ref warnings));
        var last = Recased(Text(values, ProspectField.LastName, MaxNameLength, "last name", ref warnings));
        if (full is null)
        {
            full = first is null || last is null ? first ?? last : CellText.Clean(string.Concat(first, " ", last), MaxNameLength);
        }
        else if (first is null || last is null || full.Contains(','))
        {
            var parts = PersonNames.Split(full);
            first ??= parts.First;
            last ??= parts.Last;
            full = parts.Reordered ?? full;
        }
        return (full, first, last);
    }

    private static string? Recased(string? name) => name is null ? null : PersonNames.Recase(name);

    private static string? Text(IReadOnlyList<string?> values, ProspectField field, int maxLength, string label, ref List<string>? warnings)
    {
        var text = CellText.Clean(Raw(values, field), maxLength, out var truncated);
        if (truncated)
        {
            Warn(ref warnings, $"{label} truncated to {maxLength} characters");
        }
        return text;
    }

    private static T? Parsed<T>(IReadOnlyList<string?> values, ProspectField field, Func<string?, T?> parse, string warning, ref List<string>? warnings)
    {
        var raw = Raw(values, field);
        var parsed = parse(raw);
        if (parsed is null && HasText(raw))
        {
            Warn(ref warnings, string.Format(CultureInfo.InvariantCulture, warning, CellText.Excerpt(raw!)));
        }
        return parsed;
    }

    private static IReadOnlyList<string> Tags(string? raw, ref List<string>? warnings)
    {
        if (raw is null)
        {
            return [];
        }
        List<string>? tags = null;
        var dropped = 0;
        Span<char> lower = stackalloc char[MaxTagLength];
        var text = raw.AsSpan();
        foreach (var range in text.SplitAny(";,|\n"))
        {
            var piece = CellText.Trim(text[range]);
            if (piece.IsEmpty || CellText.IsPlaceholder(piece))
            {
                continue;
            }
            // Tags are compared lower-cased, so "VIP" and "vip" are one tag; the string is only
            // allocated once the tag is known to be new.
            var cleaned = CellText.NeedsCleaning(piece, MaxTagLength) ? CellText.Clean(piece.ToString(), MaxTagLength).AsSpan() : piece;
            var length = cleaned.ToLowerInvariant(lower);
            var tag = lower[..length];
            if (tag.IsEmpty || (tags is not null && Contains(tags, tag)))
            {
                continue;
            }
            tags ??= [];
            if (tags.Count == MaxTags)
            {
                dropped++;
                continue;
            }
            tags.Add(new string(tag));
        }
        if (dropped > 0)
        {
            Warn(ref warnings, $"{dropped} tags beyond the first {MaxTags} dropped");
        }
        return (IReadOnlyList<string>?)tags ?? [];
    }

    private static bool Contains(List<string> tags, ReadOnlySpan<char> tag)
    {
        foreach (var existing in tags)
        {
            if (tag.SequenceEqual(existing))
            {
                return true;
            }
        }
        return false;
    }

    private static void Warn(ref List<string>? warnings, string? warning)
    {
        if (warning is not null)
        {
            (warnings ??= []).Add(warning);
        }
    }

    private readonly record struct PhoneIssue(string Label, string Excerpt, string Error)
    {
        public string Reason => $"{Label} '{Excerpt}': {Error}";

        public string Warning => $"{Label} '{Excerpt}' invalid: {Error}";

        // A blank cell is not an issue: plenty of rows carry only one number.
        public static PhoneIssue? Of(string label, string? raw, PhoneParse parse) =>
            parse.IsValid || !HasText(raw) ? null : new PhoneIssue(label, CellText.Excerpt(raw!), parse.Error!);
    }
}
