namespace Outreach.Domain.Common;

/// <summary>
/// OWASP's CSV-injection guidance: a text cell that a spreadsheet would read as a formula (it begins with
/// =, +, -, @, a tab, a carriage return or a line feed) is prefixed with a single quote, which the
/// spreadsheet shows as text and does not evaluate.
/// </summary>
public static class SpreadsheetSafe
{
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }
        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' ? "'" + text : text;
    }
}
