namespace Outreach.Domain.Prospects;

/// <summary>
/// US ZIP and ZIP+4 codes ("94105", "94105-1234"), plus Canadian postal codes ("K1A 0B1") because
/// North American lists mix both in one column.
/// </summary>
public static class ZipCodes
{
    // Canada Post never uses these letters: they are too easily misread (D/O/Q/0, I/1, F/E, U/V),
    // and W and Z do not start a code.
    private const string CanadianFirstLetters = "ABCEGHJKLMNPRSTVXY";
    private const string CanadianExcludedLetters = "DFIOQU";

    public static string? Normalize(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        var text = StripSpreadsheetDecimal(CellText.Unwrap(raw));
        if (text.IsEmpty)
        {
            return null;
        }
        if (TryCanadian(text, out var postal))
        {
            return postal;
        }

        Span<char> digits = stackalloc char[9];
        var count = 0;
        var split = -1;
        foreach (var ch in text)
        {
            var c = CellText.FoldWidth(ch);
            var digit = CellText.DigitValue(c);
            if (digit >= 0)
            {
                if (count == digits.Length)
                {
                    return null;
                }
                digits[count++] = (char)('0' + digit);
            }
            else if (count > 0 && (split < 0 || split == count) && (c is '-' or '–' || char.IsWhiteSpace(c)))
            {
                split = count;
            }
            else
            {
                return null;
            }
        }

        // Spreadsheets read ZIP codes as numbers and drop the leading zeros of New England, New
        // Jersey and Puerto Rico ("02134" -> "2134"), so short codes are padded back.
        int zipLength;
        if (split > 0 && split < count)
        {
            if (count - split != 4 || split is < 3 or > 5)
            {
                return null;
            }
            zipLength = split;
        }
        else
        {
            zipLength = count switch
            {
                >= 3 and <= 5 => count,
                8 or 9 => count - 4,
                _ => 0,
            };
            if (zipLength == 0)
            {
                return null;
            }
        }

        Span<char> result = stackalloc char[10];
        var padding = 5 - zipLength;
        result[..padding].Fill('0');
        digits[..zipLength].CopyTo(result[padding..]);
        if (!result[..5].ContainsAnyExcept('0'))
        {
            return null;
        }
        var length = 5;
        if (count > zipLength)
        {
            result[5] = '-';
            digits.Slice(zipLength, 4).CopyTo(result[6..]);
            length = 10;
        }
        var normalized = result[..length];
        return normalized.SequenceEqual(raw) ? raw : new string(normalized);
    }

    private static bool TryCanadian(ReadOnlySpan<char> text, out string? postal)
    {
        postal = null;
        Span<char> code = stackalloc char[6];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '\u00A0')
            {
                continue;
            }
            if (count == code.Length)
            {
                return false;
            }
            code[count++] = char.ToUpperInvariant(CellText.FoldWidth(c));
        }
        if (count != 6)
        {
            return false;
        }
        for (var i = 0; i < 6; i++)
        {
            var letter = i % 2 == 0;
            if (letter ? !char.IsAsciiLetterUpper(code[i]) || CanadianExcludedLetters.Contains(code[i]) : !char.IsAsciiDigit(code[i]))
            {
                return false;
            }
        }
        if (!CanadianFirstLetters.Contains(code[0]))
        {
            return false;
        }
        postal = string.Concat(code[..3], " ", code[3..]);
        return true;
    }

    private static ReadOnlySpan<char> StripSpreadsheetDecimal(ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        return dot > 0 && !text[(dot + 1)..].ContainsAnyExcept('0') && !text[..dot].ContainsAnyExceptInRange('0', '9')
            ? text[..dot]
            : text;
    }
}
