using System.Buffers;
using System.Text;

namespace Outreach.Domain.Prospects;

/// <summary>
/// Normalises the e-mail addresses found in prospect lists to lower case and checks they can be
/// delivered to. Deliberately stricter than RFC 5322 (no quoted local parts, comments or IP-literal
/// domains): those forms never occur in genuine B2B lists, but typos that they would let through do.
/// </summary>
public static class EmailAddresses
{
    private const int MaxLength = 254;
    private const int MaxLocalLength = 64;

    // RFC 5322 "atext" plus the dot, which gets its own placement rules.
    private static readonly SearchValues<char> LocalChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-");

    /// <summary>The address trimmed, unwrapped ("mailto:", "Name &lt;a@b.com&gt;", quotes) and lower-cased; null when it is not deliverable.</summary>
    public static string? Normalize(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        var text = CellText.Trim(raw);
        if (text.IsEmpty)
        {
            return null;
        }
        string? converted = null;
        if (!Ascii.IsValid(text))
        {
            converted = ToAsciiAddress(text);
            if (converted is null)
            {
                return null;
            }
            text = converted;
        }

        var address = Unwrap(text);
        if (!IsValid(address))
        {
            return null;
        }
        if (converted is null && address.Length == raw.Length && !address.ContainsAnyInRange('A', 'Z'))
        {
            return raw;
        }
        Span<char> lower = stackalloc char[address.Length];
        address.ToLowerInvariant(lower);
        return new string(lower);
    }

    private static ReadOnlySpan<char> Unwrap(ReadOnlySpan<char> text)
    {
        // Each pass peels one layer; real cells rarely have more than two ("<mailto:a@b.com>").
        for (var pass = 0; pass < 4; pass++)
        {
            var before = text.Length;
            var open = text.LastIndexOf('<');
            if (text.EndsWith('>') && open >= 0)
            {
                text = text[(open + 1)..^1];
            }
            if (text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0])
            {
                text = text[1..^1];
            }
            if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                text = text[7..];
                var query = text.IndexOf('?');
                if (query >= 0)
                {
                    text = text[..query];
                }
            }
            text = CellText.Trim(text.TrimEnd(";,."));
            if (text.Length == before)
            {
                break;
            }
        }
        return text;
    }

    private static bool IsValid(ReadOnlySpan<char> address)
    {
        if (address.Length > MaxLength)
        {
            return false;
        }
        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@'))
        {
            return false;
        }
        var local = address[..at];
        var domain = address[(at + 1)..];
        return local.Length <= MaxLocalLength
            && !local.ContainsAnyExcept(LocalChars)
            && local[0] != '.'
            && local[^1] != '.'
            && !local.Contains("..", StringComparison.Ordinal)
            && DomainNames.IsValid(domain);
    }

    // Full-width characters from East Asian keyboards fold to ASCII; an internationalised domain is
    // converted to punycode, which is what mail servers compare. A non-ASCII local part is rejected:
    // few mail systems behind a B2B list accept one, and a bounced first message hurts sender reputation.
    private static string? ToAsciiAddress(ReadOnlySpan<char> text)
    {
        var address = Unwrap(text.ToString().Normalize(NormalizationForm.FormKC));
        var at = address.LastIndexOf('@');
        if (at <= 0 || !Ascii.IsValid(address[..at]))
        {
            return null;
        }
        var domain = address[(at + 1)..];
        if (Ascii.IsValid(domain))
        {
            return address.ToString();
        }
        var punycode = DomainNames.ToAscii(domain.ToString());
        return punycode is null ? null : string.Concat(address[..(at + 1)], punycode);
    }
}
