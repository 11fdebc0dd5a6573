namespace Outreach.Domain.Common;

/// <summary>
/// OWASP's CSV-injection guidance: a text cell that a spreadsheet would read as a formula (it begins with
/// =, +, -, @, a tab, a carriage return or a line feed) is prefixed with a single quote, which the
/// spreadsheet shows as text and does not evaluate. A plain number ("-12.5", an E.164 "+15125550123") is
/// left as it is: no spreadsheet evaluates it, and the quote would only spoil the value.
/// </summary>
public static class SpreadsheetSafe
{
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }
        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' && !IsPlainNumber(text) ? "'" + text : text;
    }

    /// <summary>An optional sign, digits, and an optional decimal part: nothing a spreadsheet could run.</summary>
    public static bool IsPlainNumber(ReadOnlySpan<char> text)
    {
        var i = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fraction = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                fraction++;
            }
            if (fraction == 0)
            {
                return false;
            }
        }
        return digits > 0 && i == text.Length;
    }
}
