using System.Collections.Frozen;

namespace Outreach.Domain.Prospects;

/// <summary>Splits and re-cases personal names as lists write them, so a text can greet "Hi John".</summary>
internal static class PersonNames
{
    private const int MaxWords = 16;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Honorifics = Words(
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "hon", "sir", "madam", "fr");

    // "Do" and "Ng" are surnames, not credentials, so short suffixes are kept to the unambiguous ones.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Suffixes = Words(
        "jr", "sr", "ii", "iii", "iv", "phd", "md", "dds", "dmd", "dvm", "cpa", "esq", "mba", "rn", "jd",
        "cfp", "cfa", "pmp", "clu", "chfc", "pe", "ret");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RomanNumerals = Words(
        "ii", "iii", "iv");

    // Lower-case words that belong to the surname: "Ludwig van Beethoven", "Maria de la Cruz".
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Particles = Words(
        "van", "von", "de", "da", "di", "del", "della", "der", "den", "la", "le", "du", "st", "bin", "ibn",
        "al", "el", "ter", "ten", "dos", "das");

    /// <summary>First and last name of a full name; <c>Reordered</c> is set when the input was "Last, First".</summary>
    public readonly record struct Parts(string? First, string? Last, string? Reordered);

    public static Parts Split(string full)
    {
        var text = full.AsSpan();
        var commas = text.Count(',');
        if (commas > 0)
        {
            // Trailing credentials first: "John Smith, Jr., CPA" is not "Jr., CPA" John Smith.
            while (commas > 0 && IsSuffixList(text[(text.LastIndexOf(',') + 1)..]))
            {
                text = text[..text.LastIndexOf(',')].TrimEnd();
                commas--;
            }
            if (commas == 1)
            {
                var comma = text.IndexOf(',');
                var surname = text[..comma].Trim();
                var given = text[(comma + 1)..].Trim();
                var givenParts = SplitWords(given);
                if (!surname.IsEmpty && givenParts.First is not null)
                {
                    var last = surname.ToString();
                    return new Parts(givenParts.First, last, string.Concat(given, " ", last));
                }
            }
            if (commas > 0)
            {
                text = text[..text.IndexOf(',')];
            }
        }
        return SplitWords(text);
    }

    /// <summary>
    /// "JOHN O'NEIL" and "john mcdonald" become "John O'Neil" and "John McDonald"; a name already in
    /// mixed case is returned untouched, because its owner chose it ("DeShawn", "van der Berg").
    /// </summary>
    public static string Recase(string name)
    {
        var hasUpper = false;
        var hasLower = false;
        foreach (var c in name)
        {
            hasUpper |= char.IsUpper(c);
            hasLower |= char.IsLower(c);
        }
        if (hasUpper == hasLower)
        {
            return name;
        }

        Span<char> result = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var wordStart = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetter(c))
            {
                result[i] = c;
                if (c is ' ' or '-' or '(' or '"')
                {
                    wordStart = i + 1;
                }
                continue;
            }
            // O'Neil, D'Angelo, McDonald.
            var capital = i == wordStart
                || (i == wordStart + 2 && (IsApostrophe(name[wordStart + 1]) || IsMc(name.AsSpan(wordStart))));
            result[i] = capital ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
        }
        // Generational suffixes stay upper-case: "John Smith III".
        var lastSpace = name.LastIndexOf(' ');
        if (lastSpace >= 0 && RomanNumerals.Contains(name.AsSpan(lastSpace + 1)))
        {
            for (var i = lastSpace + 1; i < name.Length; i++)
            {
                result[i] = char.ToUpperInvariant(name[i]);
            }
        }
        return new string(result);
    }

    private static bool IsApostrophe(char c) => c is '\'' or '’';

    private static bool IsMc(ReadOnlySpan<char> word) =>
        word.Length > 3 && word.StartsWith("mc", StringComparison.OrdinalIgnoreCase) && char.IsLetter(word[2]);

    private static Parts SplitWords(ReadOnlySpan<char> text)
    {
        Span<(int Start, int End)> words = stackalloc (int, int)[MaxWords];
        var count = 0;
        var position = 0;
        while (position < text.Length && count < MaxWords)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
            var start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position]))
            {
                position++;
            }
            if (position > start && !IsNickname(text[start..position]))
            {
                words[count++] = (start, position);
            }
        }

        var first = 0;
        var last = count - 1;
        while (last - first >= 1 && Honorifics.Contains(Bare(text, words[first])))
        {
            first++;
        }
        while (last - first >= 1 && Suffixes.Contains(Bare(text, words[last])))
        {
            last--;
        }
        if (count == 0)
        {
            return default;
        }
        var given = text[words[first].Start..words[first].End].ToString();
        if (last == first)
        {
            return new Parts(given, null, null);
        }
        var surnameStart = last;
        while (surnameStart - 1 > first && Particles.Contains(Bare(text, words[surnameStart - 1])))
        {
            surnameStart--;
        }
        return new Parts(given, text[words[surnameStart].Start..words[last].End].ToString(), null);
    }

    // "John "Jack" Smith", "John (Jack) Smith".
    private static bool IsNickname(ReadOnlySpan<char> word) =>
        word.Length >= 2 && ((word[0] == '"' && word[^1] == '"') || (word[0] == '(' && word[^1] == ')'));

    private static bool IsSuffixList(ReadOnlySpan<char> text)
    {
        var any = false;
        foreach (var range in text.SplitAny(' ', '.'))
        {
            var word = text[range];
            if (word.IsEmpty)
            {
                continue;
            }
            if (!Suffixes.Contains(word))
            {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static ReadOnlySpan<char> Bare(ReadOnlySpan<char> text, (int Start, int End) word) =>
        text[word.Start..word.End].TrimEnd(".,");

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Words(params string[] words) =>
        words.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
}
