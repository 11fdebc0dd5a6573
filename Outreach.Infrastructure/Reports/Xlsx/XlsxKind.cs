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
