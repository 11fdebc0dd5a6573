using System.Collections.Frozen;

namespace Outreach.Domain.Prospects;

/// <summary>Recognises job titles held by the people who decide whether a small business buys.</summary>
public static class Titles
{
    private const int MaxLength = 256;
    private const int MaxWords = 32;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DecisionMakers = Words(
        "owner", "coowner", "founder", "cofounder", "proprietor", "franchisee", "selfemployed",
        "ceo", "cfo", "coo", "cto", "cmo", "cio", "cro", "cso", "cpo", "cco", "cdo", "chro", "cxo",
        "chairman", "chairwoman", "chairperson", "president", "pres", "copresident");

    // Vice presidents are excluded on purpose: banks and agencies hand the title to large parts of
    // their staff, so it says little about who signs for a small business.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> VicePrefixes = Words(
        "vice", "vp", "svp", "evp", "avp");

    // A segment with one of these describes someone who works for, or used to be, the decision maker.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Disqualifiers = Words(
        "assistant", "asst", "secretary", "former", "retired", "intern", "receptionist", "aide");

    // "Product Owner" (Scrum) and "Account Owner" (CRM) own a backlog or a record, not the business.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NonOwnerQualifiers = Words(
        "product", "process", "data", "service", "account", "lead", "record", "system", "content", "risk",
        "control", "budget", "opportunity", "case", "asset", "application", "platform", "home");

    // "Partner" and "Principal" name an owner only as the title's head noun: "Managing Partner",
    // "Principal", but not "Channel Partner Manager" or "Principal Engineer". The HR sense of
    // "Business Partner" is not an owner either.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NonOwnerPartners = Words(
        "business", "channel", "alliance", "alliances", "strategic", "hr", "implementation", "solutions",
        "success", "account", "technology", "referral", "integration");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> HeadNounOwners = Words("partner", "principal");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ManagingRoles = Words(
        "partner", "member", "director", "principal");

    // "Assistant to the CEO", "Partner at Smith & Jones": whatever follows names whom the person
    // serves or where they work, not what they are.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ObjectMarkers = Words("to", "for", "of", "at");

    // Prefixes people hyphenate onto a title word; any other hyphen separates two titles.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> HyphenPrefixes = Words(
        "co", "vice", "ex", "self", "non");

    public static bool IsOwnerOrExecutive(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return false;
        }
        Span<char> text = stackalloc char[MaxLength];
        var length = Simplify(title, text);
        Span<(int Start, int Length, int Segment)> words = stackalloc (int, int, int)[MaxWords];
        var count = Tokenise(text[..length], words);

        var segmentStart = 0;
        while (segmentStart < count)
        {
            var segment = words[segmentStart].Segment;
            var segmentEnd = segmentStart;
            while (segmentEnd < count && words[segmentEnd].Segment == segment)
            {
                segmentEnd++;
            }
            var headEnd = segmentStart;
            while (headEnd < segmentEnd && !ObjectMarkers.Contains(Word(text, words[headEnd])))
            {
                headEnd++;
            }

            if (IsDecisionMaker(text, words[segmentStart..headEnd]))
            {
                return true;
            }
            if (headEnd < segmentEnd)
            {
                // Everything after the marker names someone else, later segments included:
                // "Executive Assistant to the President / CEO".
                return false;
            }
            segmentStart = segmentEnd;
        }
        return false;
    }

    private static bool IsDecisionMaker(ReadOnlySpan<char> text, ReadOnlySpan<(int Start, int Length, int Segment)> words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (Disqualifiers.Contains(Word(text, words[i])))
            {
                return false;
            }
        }
        for (var i = 0; i < words.Length; i++)
        {
            var word = Word(text, words[i]);
            var previous = i > 0 ? Word(text, words[i - 1]) : [];
            var next = i + 1 < words.Length ? Word(text, words[i + 1]) : [];

            if (DecisionMakers.Contains(word))
            {
                if (word.SequenceEqual("owner") && NonOwnerQualifiers.Contains(previous))
                {
                    continue;
                }
                if (word.StartsWith("pres") && HasVicePrefix(text, words[..i]))
                {
                    continue;
                }
                return true;
            }
            if (word.SequenceEqual("chief") && HasWordAfter(text, words[(i + 1)..], "officer", "executive"))
            {
                return true;
            }
            if ((word.SequenceEqual("managing") && ManagingRoles.Contains(next))
                || (word.SequenceEqual("executive") && next.SequenceEqual("director")))
            {
                return true;
            }
            if (HeadNounOwners.Contains(word) && i == words.Length - 1 && !NonOwnerPartners.Contains(previous))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasVicePrefix(ReadOnlySpan<char> text, ReadOnlySpan<(int Start, int Length, int Segment)> before)
    {
        foreach (var word in before)
        {
            if (VicePrefixes.Contains(Word(text, word)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasWordAfter(ReadOnlySpan<char> text, ReadOnlySpan<(int Start, int Length, int Segment)> after, string first, string second)
    {
        foreach (var word in after)
        {
            var value = Word(text, word);
            if (value.SequenceEqual(first) || value.SequenceEqual(second))
            {
                return true;
            }
        }
        return false;
    }

    private static ReadOnlySpan<char> Word(ReadOnlySpan<char> text, (int Start, int Length, int Segment) word) =>
        text.Slice(word.Start, word.Length);

    // Lower-case letters and digits; words split by spaces; '|' between separate titles
    // ("Owner/Operator", "President & CEO"). Dots and apostrophes vanish so "C.E.O." reads "ceo".
    private static int Simplify(string title, Span<char> output)
    {
        var length = 0;
        var wordStart = 0;
        foreach (var raw in title)
        {
            if (length >= output.Length - 1)
            {
                break;
            }
            var c = CellText.FoldWidth(raw);
            if (char.IsLetterOrDigit(c))
            {
                output[length++] = char.ToLowerInvariant(c);
            }
            else if (c is '.' or '\'' or '’')
            {
                continue;
            }
            else if (c == '-' && HyphenPrefixes.Contains(output[wordStart..length]))
            {
                continue;
            }
            else
            {
                output[length++] = char.IsWhiteSpace(c) ? ' ' : '|';
                wordStart = length;
            }
        }
        return length;
    }

    private static int Tokenise(ReadOnlySpan<char> text, Span<(int Start, int Length, int Segment)> words)
    {
        var count = 0;
        var segment = 0;
        var position = 0;
        while (position < text.Length && count < words.Length)
        {
            var c = text[position];
            if (c == '|')
            {
                segment++;
                position++;
                continue;
            }
            if (c == ' ')
            {
                position++;
                continue;
            }
            var end = position;
            while (end < text.Length && text[end] is not ' ' and not '|')
            {
                end++;
            }
            if (text[position..end].SequenceEqual("and"))
            {
                segment++;
            }
            else
            {
                words[count++] = (position, end - position, segment);
            }
            position = end;
        }
        return count;
    }

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Words(params string[] words) =>
        words.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}
