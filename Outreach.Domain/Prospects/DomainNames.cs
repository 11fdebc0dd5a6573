using System.Globalization;

namespace Outreach.Domain.Prospects;

/// <summary>Host-name rules shared by e-mail and website normalisation.</summary>
internal static class DomainNames
{
    /// <summary>
    /// An ASCII host in any case: two or more labels of letters, digits and inner hyphens, each at most
    /// 63 long, ending in an alphabetic top-level domain of two or more letters (or a punycode one).
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> host)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }
        var labels = 0;
        var rest = host;
        while (true)
        {
            var dot = rest.IndexOf('.');
            var label = dot < 0 ? rest : rest[..dot];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !IsLabelText(label))
            {
                return false;
            }
            labels++;
            if (dot < 0)
            {
                return labels >= 2 && IsTopLevel(label);
            }
            rest = rest[(dot + 1)..];
        }
    }

    /// <summary>Punycode for an internationalised host ("münchen.de" -> "xn--mnchen-3ya.de"), or null.</summary>
    public static string? ToAscii(string host)
    {
        try
        {
            // IdnMapping instances make no thread-safety promise, and this path is rare enough to allocate.
            return new IdnMapping { UseStd3AsciiRules = true }.GetAscii(host);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsLabelText(ReadOnlySpan<char> label)
    {
        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsTopLevel(ReadOnlySpan<char> label) =>
        label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)
            ? label.Length > 4
            : label.Length >= 2 && IsAsciiAlpha(label);

    private static bool IsAsciiAlpha(ReadOnlySpan<char> label)
    {
        foreach (var c in label)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }
        return true;
    }
}
