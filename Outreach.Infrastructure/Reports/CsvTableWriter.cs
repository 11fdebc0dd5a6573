using System.Globalization;
using System.Text;
using Outreach.Domain.Common;
using Outreach.Infrastructure.Import;
using Outreach.Infrastructure.Reports.Xlsx;

namespace Outreach.Infrastructure.Reports;

/// <summary>
/// The CSV twin of a workbook sheet: the same columns and values, text neutralised the same way, numbers
/// written plainly (invariant culture), dates as ISO 8601 in the team's zone. UTF-8 with a BOM so Excel
/// reads accents correctly.
/// </summary>
public sealed class CsvTableWriter : ITableRowWriter, IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private readonly TimeZoneInfo _zone;
    private readonly IReadOnlyList<XlsxColumn> _columns;

    public CsvTableWriter(Stream output, IReadOnlyList<XlsxColumn> columns, TimeZoneInfo zone)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        _zone = zone;
        _columns = columns;
    }

    public int Rows { get; private set; }

    public async ValueTask WriteHeaderAsync(CancellationToken cancellationToken)
    {
        await _writer.WriteLineAsync(string.Join(',', _columns.Select(c => CsvText.Quote(SpreadsheetSafe.Cell(c.Header)))).AsMemory(), cancellationToken);
    }

    public async ValueTask WriteRowAsync(object?[] values, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            var value = values[i] is XlsxCell cell ? cell.Value : values[i];
            var kind = values[i] is XlsxCell c ? c.Kind : _columns[i].Kind;
            line.Append(Format(value, kind));
        }
        Rows++;
        await _writer.WriteLineAsync(line, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }

    private string Format(object? value, XlsxKind kind) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        DateTimeOffset o => Date(TimeZoneInfo.ConvertTime(o, _zone).DateTime, kind),
        DateTime d => Date(d.Kind == DateTimeKind.Utc ? TimeZoneInfo.ConvertTimeFromUtc(d, _zone) : d, kind),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) || double.IsInfinity(d) => string.Empty,
        byte or short or int or long or float or double or decimal when kind is not XlsxKind.Text => XlsxWorkbookWriter.Invariant(value),
        _ => CsvText.Quote(XlsxWorkbookWriter.SafeText(value)),
    };

    private static string Date(DateTime local, XlsxKind kind) =>
        local.ToString(kind == XlsxKind.Date ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
