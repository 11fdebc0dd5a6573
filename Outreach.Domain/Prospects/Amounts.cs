namespace Outreach.Domain.Prospects;

/// <summary>
/// Reads the amounts data vendors write for revenue and head count: "$1.5M", "1,500,000",
/// "1.5 million", "$500K - $1M", "Less than $500K", "10,000+".
/// </summary>
/// <remarks>
/// A range becomes its midpoint: vendors sell revenue as bands ("$1-2.5 Million") and the midpoint is
/// the unbiased estimate of where a company sits inside one. An open band becomes its known end
/// ("over $1B" -> $1B) or, when only the ceiling is known, half of it ("under $500K" -> $250K).
/// </remarks>
internal static class Amounts
{
    private const int MaxLength = 80;

    // Larger than any real revenue, small enough that a multiplier cannot overflow a decimal.
    private const decimal MaxNumber = 1_000_000_000_000_000m;

    private enum Bound { Exact, AtMost, AtLeast }

    private static readonly string[] AtMostPrefixes = ["less than", "under", "below", "up to", "<=", "<", "≤"];
    private static readonly string[] AtLeastPrefixes = ["more than", "greater than", "over", "above", "at least", ">=", ">", "≥"];
    private static readonly string[] AtMostSuffixes = ["or less", "and under", "and below", "or under"];
    private static readonly string[] AtLeastSuffixes = ["+", "plus", "or more", "and up", "and above", "and over"];
    private static readonly string[] Between = ["between"];
    private static readonly string[] RangeSeparators = ["-", "–", "—", "~", "to", "and"];
    private static readonly string[] Currencies = ["us$", "usd", "$"];
    private static readonly string[] Units = ["usd", "dollars", "dollar"];

    public static bool TryParse(ReadOnlySpan<char> raw, out decimal value)
    {
        value = 0;
        if (raw.IsEmpty || raw.Length > MaxLength)
        {
            return false;
        }
        Span<char> buffer = stackalloc char[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = CellText.FoldWidth(raw[i]);
            buffer[i] = char.IsWhiteSpace(c) ? ' ' : char.ToLowerInvariant(c);
        }
        ReadOnlySpan<char> text = buffer.Trim(' ');

        // Most cells are a plain figure ("$1.5M", "11-50"); the qualifier tables are only searched
        // when the text starts or ends with something other than an amount.
        var bound = Bound.Exact;
        if (!text.IsEmpty && !char.IsAsciiDigit(text[0]) && text[0] != '$')
        {
            if (StripPrefix(ref text, AtMostPrefixes))
            {
                bound = Bound.AtMost;
            }
            else if (StripPrefix(ref text, AtLeastPrefixes))
            {
                bound = Bound.AtLeast;
            }
            StripPrefix(ref text, Between);
        }
        if (bound == Bound.Exact && !text.IsEmpty && !char.IsAsciiDigit(text[^1]))
        {
            if (StripSuffix(ref text, AtLeastSuffixes))
            {
                bound = Bound.AtLeast;
            }
            else if (StripSuffix(ref text, AtMostSuffixes))
            {
                bound = Bound.AtMost;
            }
        }

        if (!TryReadAmount(ref text, out var low, out var lowFactor))
        {
            return false;
        }
        if (text.IsEmpty)
        {
            var amount = low * (lowFactor ?? 1);
            value = bound == Bound.AtMost ? amount * 0.5m : amount;
            return true;
        }
        if (bound != Bound.Exact || !StripPrefix(ref text, RangeSeparators)
            || !TryReadAmount(ref text, out var high, out var highFactor) || !text.IsEmpty)
        {
            return false;
        }

        high *= highFactor ?? 1;
        if (lowFactor is { } factor)
        {
            low *= factor;
        }
        else if (highFactor is { } shared)
        {
            // "$1-5M" shares the M; "$500-1M" cannot (500M > 1M) and means $500K.
            low = low * shared <= high || shared < 1_000_000m ? low * shared : low * shared / 1_000m;
        }
        if (low > high)
        {
            return false;
        }
        value = (low + high) * 0.5m;
        return true;
    }

    private static bool TryReadAmount(ref ReadOnlySpan<char> text, out decimal number, out decimal? factor)
    {
        number = 0;
        factor = null;
        StripPrefix(ref text, Currencies);

        var length = 0;
        while (length < text.Length && (char.IsAsciiDigit(text[length]) || text[length] is '.' or ','))
        {
            length++;
        }
        if (length == 0 || !TryParseNumber(text[..length], out number) || number > MaxNumber)
        {
            return false;
        }
        text = text[length..].TrimStart(' ');

        // Up to two words may follow: a multiplier and a unit ("1.5 million dollars").
        for (var word = 0; word < 2 && !text.IsEmpty && char.IsAsciiLetterLower(text[0]); word++)
        {
            var end = 0;
            while (end < text.Length && char.IsAsciiLetterLower(text[end]))
            {
                end++;
            }
            var letters = text[..end];
            if (factor is null && TryMultiplier(letters, out var multiplier))
            {
                factor = multiplier;
            }
            else if (!IsOneOf(letters, Units))
            {
                // "to" and "and" separate the ends of a range; anything else is not an amount.
                return IsOneOf(letters, RangeSeparators);
            }
            text = text[end..].TrimStart(' ');
        }
        return true;
    }

    // US grouping ("1,500,000.50") is the norm; European lists write "1.500.000" or "1,5".
    private static bool TryParseNumber(ReadOnlySpan<char> digits, out decimal number)
    {
        var dots = digits.Count('.');
        var commas = digits.Count(',');
        var lastComma = digits.LastIndexOf(',');
        var decimalComma = (commas == 1 && dots == 0 && digits.Length - lastComma - 1 is 1 or 2)
            || (commas == 1 && dots > 0 && lastComma > digits.LastIndexOf('.'));
        var groupingDots = decimalComma || (dots > 1 && commas == 0);
        var separator = decimalComma ? ',' : groupingDots ? '\0' : '.';

        // Accumulated by hand: decimal.TryParse costs more than the rest of the parse together.
        ulong mantissa = 0;
        var significant = 0;
        var scale = -1;
        foreach (var c in digits)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++significant > 18)
                {
                    number = 0;
                    return false;
                }
                mantissa = mantissa * 10 + (ulong)(c - '0');
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == separator)
            {
                if (scale >= 0)
                {
                    number = 0;
                    return false;
                }
                scale = 0;
            }
        }
        number = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)Math.Max(scale, 0));
        return significant > 0;
    }

    private static bool TryMultiplier(ReadOnlySpan<char> word, out decimal factor)
    {
        factor = word switch
        {
            "k" or "thousand" or "thousands" => 1_000m,
            // "MM" is the finance abbreviation for a million (a thousand thousand).
            "m" or "mm" or "mil" or "mill" or "mln" or "mio" or "million" or "millions" => 1_000_000m,
            "b" or "bn" or "bil" or "bln" or "billion" or "billions" => 1_000_000_000m,
            _ => 0m,
        };
        return factor != 0m;
    }

    private static bool IsOneOf(ReadOnlySpan<char> word, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (word.SequenceEqual(candidate))
            {
                return true;
            }
        }
        return false;
    }

    private static bool StripPrefix(ref ReadOnlySpan<char> text, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal)
                && (!char.IsAsciiLetter(prefix[^1]) || text.Length == prefix.Length || !char.IsAsciiLetter(text[prefix.Length])))
            {
                text = text[prefix.Length..].TrimStart(' ');
                return true;
            }
        }
        return false;
    }

    private static bool StripSuffix(ref ReadOnlySpan<char> text, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && (!char.IsAsciiLetter(suffix[0]) || text.Length == suffix.Length || text[^(suffix.Length + 1)] == ' '))
            {
                text = text[..^suffix.Length].TrimEnd(' ');
                return true;
            }
        }
        return false;
    }
}
