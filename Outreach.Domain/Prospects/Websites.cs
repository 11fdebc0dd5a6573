using System.Text;

namespace Outreach.Domain.Prospects;

/// <summary>Company websites as a lower-case host plus path ("acme.com/plumbing"), without scheme or "www.".</summary>
public static class Websites
{
    private const int MaxLength = 500;

    /// <summary>
    /// The site in its canonical form, or null when the text is not a web address (an e-mail address,
    /// "N/A", a bare word). The query string and fragment go: they carry tracking parameters, not the site.
    /// </summary>
    public static string? Normalize(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        var text = CellText.Unwrap(raw);
        if (text.IsEmpty || text.Length > 2 * MaxLength || CellText.IsPlaceholder(text))
        {
            return null;
        }
        text = StripScheme(text, out var supported);
        if (!supported)
        {
            return null;
        }

        var hostEnd = text.IndexOfAny('/', '?', '#');
        var host = hostEnd < 0 ? text : text[..hostEnd];
        var rest = hostEnd < 0 ? [] : text[hostEnd..];
        var port = host.IndexOf(':');
        if (port >= 0)
        {
            host = host[..port];
        }
        host = host.TrimEnd('.');
        if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }
        var asciiHost = Ascii.IsValid(host) ? null : DomainNames.ToAscii(host.ToString());
        if (asciiHost is not null)
        {
            host = asciiHost;
        }
        if (!DomainNames.IsValid(host))
        {
            return null;
        }

        var queryStart = rest.IndexOfAny('?', '#');
        var path = (queryStart < 0 ? rest : rest[..queryStart]).TrimEnd('/');
        if (path.ContainsAny(' ', '\t') || host.Length + path.Length > MaxLength)
        {
            path = [];
        }

        Span<char> result = stackalloc char[host.Length + path.Length];
        host.ToLowerInvariant(result);
        path.CopyTo(result[host.Length..]);
        return result.SequenceEqual(raw) ? raw : new string(result);
    }

    private static ReadOnlySpan<char> StripScheme(ReadOnlySpan<char> text, out bool supported)
    {
        supported = true;
        foreach (var scheme in (ReadOnlySpan<string>)["https://", "http://", "//"])
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return text[scheme.Length..];
            }
        }
        // ftp://, mailto:, javascript: ... are not websites; a host never contains "@" either.
        supported = !text.Contains("://", StringComparison.Ordinal) && !text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
            && !text.Contains('@');
        return text;
    }
}
