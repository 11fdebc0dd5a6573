namespace Outreach.Infrastructure.Import;

public static class CsvText
{
    /// <summary>One RFC 4180 cell: quoted when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
