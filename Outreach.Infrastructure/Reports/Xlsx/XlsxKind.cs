namespace Outreach.Infrastructure.Reports.Xlsx;

/// <summary>What a column holds, and so how its cells are stored (number or text) and formatted.</summary>
public enum XlsxKind
{
    Text,
    Integer,
    Number,
    Currency,
    Percent,
    Date,
    DateTime,
    Duration,
    Boolean,
}

/// <summary>A column of a sheet; a width of zero picks one from the header and the kind.</summary>
public sealed record XlsxColumn(string Header, XlsxKind Kind, double Width = 0);

/// <summary>A value with its own kind, for sheets whose rows differ in format (a summary of counts, rates and money).</summary>
public readonly record struct XlsxCell(object? Value, XlsxKind Kind);

/// <summary>Somewhere rows of a table go: a sheet of a workbook, or a CSV file.</summary>
public interface ITableRowWriter
{
    ValueTask WriteRowAsync(object?[] values, CancellationToken cancellationToken);
}
