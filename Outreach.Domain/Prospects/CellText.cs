using System.Buffers;
using System.Collections.Frozen;

namespace Outreach.Domain.Prospects;

/// <summary>
/// Clean-up of one spreadsheet cell, shared by the normalisers. An import touches every cell of a
/// million rows, so the common case (a cell that is already clean) returns the caller's own string and
/// allocates nothing.
/// </summary>
internal static class CellText
{
    // What people and tools type into a cell that means "no value": spreadsheet error values leak
    // into CSV exports verbatim. "NA" is deliberately absent: it is a real surname.
    private static readonly FrozenSet<string> Placeholders = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "-", "--", "---", "—", "–", ".", "?", "??", "n/a", "n.a.", "n/a.", "none", "null", "nil", "(null)",
        "(blank)", "blank", "(empty)", "empty", "unknown", "not available", "not applicable", "tbd", "tba",
        "#n/a", "#na", "#value!", "#ref!", "#name?", "#div/0!", "#null!", "#num!", "#error!");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PlaceholderLookup =
        Placeholders.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<char> PlaceholderStarts =
        SearchValues.Create(string.Concat(Placeholders.Select(p => $"{char.ToLowerInvariant(p[0])}{char.ToUpperInvariant(p[0])}")));

    public static string? Clean(string? raw, int maxLength) => Clean(raw, maxLength, out _);

    /// <summary>
    /// Trims, drops invisible characters (BOM, zero-width space, bidi marks), collapses every run of
    /// whitespace (NBSP, tabs, line breaks) to one space and caps the length without splitting an emoji.
    /// Blank cells and placeholders such as "N/A" or "#VALUE!" become null.
    /// </summary>
    public static string? Clean(string? raw, int maxLength, out bool truncated)
    {
        truncated = false;
        if (raw is null)
        {
            return null;
        }

        if (!NeedsCleaning(raw, maxLength))
        {
            return IsPlaceholder(raw) ? null : raw;
        }

        var rented = maxLength > 256 ? ArrayPool<char>.Shared.Rent(maxLength + 1) : null;
        try
        {
            var buffer = rented is null ? stackalloc char[maxLength + 1] : rented.AsSpan(0, maxLength + 1);
            var written = 0;
            var pendingSpace = false;
            foreach (var c in raw)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = written > 0;
                    continue;
                }
                if (IsInvisible(c))
                {
                    continue;
                }
                if (written + (pendingSpace ? 2 : 1) > maxLength)
                {
                    truncated = true;
                    break;
                }
                if (pendingSpace)
                {
                    buffer[written++] = ' ';
                    pendingSpace = false;
                }
                buffer[written++] = c;
            }

            // A cut between the halves of a surrogate pair would leave an unpaired high surrogate,
            // which PostgreSQL rejects as invalid UTF-8.
            if (truncated && written > 0 && char.IsHighSurrogate(buffer[written - 1]))
            {
                written--;
            }

            var result = buffer[..written];
            return result.IsEmpty || IsPlaceholder(result) ? null : new string(result);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The value inside the wrappers that spreadsheets put around numbers-as-text: surrounding
    /// whitespace and invisible characters, a leading apostrophe ('02134), an Excel text formula
    /// (="02134") or plain quotes.
    /// </summary>
    public static ReadOnlySpan<char> Unwrap(ReadOnlySpan<char> value)
    {
        value = Trim(value);
        if (value.StartsWith('\''))
        {
            value = Trim(value[1..]);
        }
        if (value.Length >= 3 && value[0] == '=' && value[1] == '"' && value[^1] == '"')
        {
            value = Trim(value[2..^1]);
        }
        else if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = Trim(value[1..^1]);
        }
        return value;
    }

    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> value)
    {
        var start = 0;
        while (start < value.Length && IsBlank(value[start]))
        {
            start++;
        }
        var end = value.Length;
        while (end > start && IsBlank(value[end - 1]))
        {
            end--;
        }
        return value[start..end];
    }

    // Every cell of every row is checked, so the set is only hashed for values that could be in it.
    public static bool IsPlaceholder(ReadOnlySpan<char> value) =>
        value.Length is > 0 and <= 16
        && PlaceholderStarts.Contains(value[0])
        && (value[0] != '(' || value.Length > 1 && char.IsAsciiLetter(value[1]))
        && PlaceholderLookup.Contains(value);

    /// <summary>Maps full-width forms (U+FF01..U+FF5E, typed by East Asian keyboards) to ASCII.</summary>
    public static char FoldWidth(char c) => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;

    /// <summary>A decimal digit in any script (full-width, Arabic-Indic...) as 0-9, or -1.</summary>
    public static int DigitValue(char c)
    {
        if (char.IsAsciiDigit(c))
        {
            return c - '0';
        }
        return char.IsDigit(c) ? (int)char.GetNumericValue(c) : -1;
    }

    /// <summary>A short, quotable version of a raw value for warnings and rejection reasons.</summary>
    public static string Excerpt(string raw)
    {
        const int Max = 40;
        var cleaned = Clean(raw, Max + 1) ?? raw.Trim();
        return cleaned.Length > Max ? string.Concat(cleaned.AsSpan(0, Max), "…") : cleaned;
    }

    private static bool IsBlank(char c) => char.IsWhiteSpace(c) || IsInvisible(c);

    // Characters that render as nothing. They arrive from copy-paste out of web pages and Word
    // (zero-width space, soft hyphen, bidi marks) or from a UTF-8 BOM, and make "identical" values
    // differ. Zero-width joiners stay: emoji sequences and some scripts need them.
    internal static bool IsInvisible(char c) => c switch
    {
        < ' ' => !char.IsWhiteSpace(c),
        >= '\u007F' and <= '\u009F' => c != '\u0085',
        '\u00AD' or '\u200B' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF' => true,
        >= '\u202A' and <= '\u202E' => true,
        _ => false,
    };

    public static bool NeedsCleaning(ReadOnlySpan<char> raw, int maxLength) => !IsAlreadyClean(raw, maxLength);

    private static bool IsAlreadyClean(ReadOnlySpan<char> raw, int maxLength)
    {
        if (raw.Length == 0 || raw.Length > maxLength || raw[0] == ' ' || raw[^1] == ' ')
        {
            return false;
        }
        var previous = '\0';
        foreach (var c in raw)
        {
            if (c == ' ')
            {
                if (previous == ' ')
                {
                    return false;
                }
            }
            else if ((c < ' ' || c >= '\u007F') && (char.IsWhiteSpace(c) || IsInvisible(c)))
            {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
