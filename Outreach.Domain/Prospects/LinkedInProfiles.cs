namespace Outreach.Domain.Prospects;

/// <summary>
/// LinkedIn profile and page addresses, canonicalised to "linkedin.com/in/jane-doe" (no scheme, like
/// <see cref="Websites"/>). LinkedIn matches vanity names without regard to case, so they are lower-cased.
/// </summary>
public static class LinkedInProfiles
{
    private const int MaxLength = 300;
    private const string Host = "linkedin.com/";

    // Public pages only; Sales Navigator and feed links are private to the exporting account.
    private static readonly string[] PageKinds = ["in", "pub", "company", "school", "showcase"];

    // A "LinkedIn" column sometimes holds a flag instead of an address.
    private static readonly string[] NotHandles = ["yes", "no", "true", "false", "none", "linkedin", "unknown"];

    /// <summary>The canonical address, or null when the text is neither a linkedin.com URL nor a bare handle ("in/jane-doe", "jane-doe").</summary>
    public static string? Normalize(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        var trimmed = CellText.Unwrap(raw);
        if (trimmed.IsEmpty || trimmed.Length > MaxLength || CellText.IsPlaceholder(trimmed))
        {
            return null;
        }
        Span<char> buffer = stackalloc char[trimmed.Length];
        trimmed.ToLowerInvariant(buffer);
        ReadOnlySpan<char> text = buffer;

        foreach (var scheme in (ReadOnlySpan<string>)["https://", "http://", "//"])
        {
            if (text.StartsWith(scheme, StringComparison.Ordinal))
            {
                text = text[scheme.Length..];
                break;
            }
        }
        var host = text.IndexOf(Host, StringComparison.Ordinal);
        if (host >= 0 && IsLinkedInSubdomain(text[..host]))
        {
            return Page(text[(host + Host.Length)..]);
        }
        if (text.StartsWith("in/", StringComparison.Ordinal))
        {
            text = text[3..].TrimEnd('/');
        }
        return IsHandle(text) ? string.Concat("linkedin.com/in/", text) : null;
    }

    // "", "www.", "m." or a country edition such as "uk." or "ca.".
    private static bool IsLinkedInSubdomain(ReadOnlySpan<char> prefix) =>
        prefix.IsEmpty
        || prefix.SequenceEqual("www.")
        || (prefix.Length is 2 or 3 && prefix[^1] == '.' && !prefix[..^1].ContainsAnyExceptInRange('a', 'z'));

    private static string? Page(ReadOnlySpan<char> path)
    {
        var end = path.IndexOfAny('?', '#');
        path = (end < 0 ? path : path[..end]).TrimEnd('/');
        var slash = path.IndexOf('/');
        if (slash <= 0 || slash == path.Length - 1 || path.ContainsAny(' ', '\t'))
        {
            return null;
        }
        var kind = path[..slash];
        foreach (var candidate in PageKinds)
        {
            if (kind.SequenceEqual(candidate))
            {
                return string.Concat(Host, path);
            }
        }
        return null;
    }

    private static bool IsHandle(ReadOnlySpan<char> text)
    {
        if (text.Length is < 3 or > 100 || text.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-_") || !text.ContainsAnyInRange('a', 'z'))
        {
            return false;
        }
        foreach (var word in NotHandles)
        {
            if (text.SequenceEqual(word))
            {
                return false;
            }
        }
        return true;
    }
}
