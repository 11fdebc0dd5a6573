using System.Buffers;

namespace Outreach.Domain.Inbox;

/// <summary>
/// Finds the e-mail address a prospect sends, written plainly ("Bob.Smith@Gmail.com") or spelled out to get
/// past filters ("bob at gmail dot com", "bob (at) gmail.com"). Hand-written rather than a regular expression:
/// it runs on every inbound message, and most messages contain no '@' at all.
/// </summary>
internal static class EmailAddressFinder
{
    public enum Form
    {
        Written,
        SpelledOut,
    }

    // Spelled-out addresses need a common top-level domain: "meet me at the office dot" must not become one.
    private static readonly HashSet<string> SpelledOutTopLevelDomains =
        ["com", "net", "org", "edu", "gov", "us", "io", "co", "biz", "info", "me", "ca", "uk", "mx", "email", "law", "pro"];

    // "bob at gmail.com" is an address but "visit us at acme.com" is not: with a plain "at" and a written dot,
    // only the big mailbox providers are trusted.
    private static readonly HashSet<string> MailboxProviders =
        ["gmail", "yahoo", "hotmail", "outlook", "aol", "icloud", "me", "mac", "msn", "live", "comcast", "att",
         "sbcglobal", "bellsouth", "verizon", "cox", "charter", "protonmail", "proton", "ymail", "gmx", "mail"];

    // Words that precede "at" in ordinary sentences ("I'm at work dot com" is not an address).
    private static readonly HashSet<string> NotALocalPart =
        ["i", "im", "me", "you", "we", "us", "him", "her", "them", "it", "is", "are", "am", "be", "here", "there",
         "home", "work", "office", "look", "looking", "call", "text", "email", "reach", "back", "that", "this"];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpelledOutTopLevelLookup =
        SpelledOutTopLevelDomains.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<char> AsciiLetters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    // Stripped from both ends of a word: "(at)", "[dot]", "<bob@x.com>", "com!".
    private static readonly char[] WrapperCharacters = [.. "()[]{}<>\"'`,;:!?*"];

    public static (string Address, Form Form)? Find(string raw, ReplyText text)
    {
        if (FindWritten(raw) is { } written)
        {
            return (written, Form.Written);
        }
        // A spelled-out address always has the word "at" (or "@" next to a spelled-out "dot").
        if ((text.IndexOf(" at ") >= 0 || raw.Contains('@')) && FindSpelledOut(raw) is { } spelled)
        {
            return (spelled, Form.SpelledOut);
        }
        return null;
    }

    internal static string? FindWritten(string raw)
    {
        for (var at = raw.IndexOf('@'); at >= 0; at = raw.IndexOf('@', at + 1))
        {
            var start = at;
            while (start > 0 && IsLocalCharacter(raw[start - 1]))
            {
                start--;
            }
            var end = at + 1;
            while (end < raw.Length && IsDomainCharacter(raw[end]))
            {
                end++;
            }
            var local = raw.AsSpan(start, at - start).Trim('.');
            var domain = raw.AsSpan(at + 1, end - at - 1).TrimEnd(".-");
            if (IsLocalPart(local) && IsDomain(domain, requireKnownTopLevel: false))
            {
                return $"{local}@{domain}".ToLowerInvariant();
            }
        }
        return null;
    }

    internal static string? FindSpelledOut(string raw)
    {
        var raws = raw.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var words = raws.Select(word => word.Trim(WrapperCharacters).TrimEnd('.').ToLowerInvariant()).ToArray();

        for (var i = 0; i < words.Length; i++)
        {
            string local;
            int next;
            var obfuscated = true;
            if (words[i] == "at" && i > 0 && i + 1 < words.Length)
            {
                local = words[i - 1];
                next = i + 1;
                // "(at)" and "[at]" are never ordinary English.
                obfuscated = raws[i][0] is '(' or '[' or '{' or '<';
            }
            else if (words[i].IndexOf('@') is var at and > 0 && at < words[i].Length - 1 && words[i].IndexOf('@', at + 1) < 0)
            {
                // "bob@gmail dot com": written '@', spelled-out dot.
                local = words[i][..at];
                words[i] = words[i][(at + 1)..];
                next = i;
            }
            else
            {
                continue;
            }

            if (NotALocalPart.Contains(local) || !IsLocalPart(local))
            {
                continue;
            }

            var domain = words[next];
            for (var k = next + 1; k + 1 < words.Length && words[k] == "dot"; k += 2)
            {
                domain = $"{domain}.{words[k + 1]}";
                obfuscated = true;
            }
            var trusted = obfuscated || MailboxProviders.Contains(domain[..Math.Max(0, domain.IndexOf('.'))]);
            if (trusted && IsDomain(domain, requireKnownTopLevel: true))
            {
                return $"{local}@{domain}";
            }
        }
        return null;
    }

    private static bool IsLocalCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool IsDomainCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-';

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local.IsEmpty || local.Length > 64 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in local)
        {
            if (!IsLocalCharacter(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain, bool requireKnownTopLevel)
    {
        if (domain.Length is < 4 or > 253)
        {
            return false;
        }
        var lastDot = domain.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return false;
        }
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }
        var topLevel = domain[(lastDot + 1)..];
        if (topLevel.Length < 2 || topLevel.ContainsAnyExcept(AsciiLetters))
        {
            return false;
        }
        return !requireKnownTopLevel || SpelledOutTopLevelLookup.Contains(topLevel);
    }
}
