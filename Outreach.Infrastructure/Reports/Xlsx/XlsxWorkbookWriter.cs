using System.Globalization;
using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Outreach.Domain.Common;

namespace Outreach.Infrastructure.Reports.Xlsx;

/// <summary>
/// Writes an .xlsx workbook to a stream: formatted sheets (the report's summary and breakdowns, small) are built
/// with ClosedXML; streamed sheets (raw data, up to a million rows) have their rows written one by one with the
/// Open XML SDK's <c>OpenXmlWriter</c>, so a million rows need no more memory than ten. Every sheet has a bold
/// frozen header row, a filter, a number format and a width per column, and prints one page wide (landscape when
/// wide). Text is neutralised against formula injection; numbers and dates are real numbers with formats.
/// </summary>
/// <remarks>
/// How the two meet: ClosedXML builds the whole workbook in memory with each streamed sheet as its header row
/// alone, carrying that sheet's formatting (widths, column styles, frozen pane, filter, print settings). That
/// package is small; it is copied entry by entry into the output zip, except each streamed sheet's part, which is
/// rewritten with <c>OpenXmlWriter</c>: its elements are copied and the rows streamed into its <c>sheetData</c>,
/// every cell taking its column's style from the template. <c>workbook.xml</c> goes last, once the rows are counted
/// for the filter ranges. The SDK's package API is not used for writing: on a read-write package .NET's zip keeps
/// every part in memory until it closes.
/// </remarks>
public sealed class XlsxWorkbookWriter : IAsyncDisposable
{
    public const int MaxRowsPerSheet = 1_048_576;
    private const int MaxCellText = 32_767;
    private const int DrainThreshold = 256 * 1024;
    private const string WorkbookEntry = "xl/workbook.xml";
    // About what fits across a portrait page at 100 %, in character widths; a wider sheet prints landscape.
    private const double PortraitWidth = 100;

    private readonly DrainableStream _output;
    private readonly TimeZoneInfo _zone;
    // In display order.
    private readonly List<(string Name, IReadOnlyList<XlsxColumn> Columns, IReadOnlyList<object?[]> Rows, XlsxSheet? Streamed)> _sheets = [];
    private bool _started;
    private bool _finished;

    /// <param name="output">Where the workbook goes; written asynchronously, never read or seeked.</param>
    /// <param name="zone">Date-times are shown in this zone (Excel has no time zones).</param>
    public XlsxWorkbookWriter(Stream output, TimeZoneInfo? zone = null)
    {
        _output = new DrainableStream(output);
        _zone = zone ?? TimeZoneInfo.Utc;
    }

    /// <summary>Bytes handed to the output so far.</summary>
    public long BytesWritten => _output.BytesWritten;

    /// <summary>Adds a formatted sheet, held in memory (a report table). The name is made valid and unique.</summary>
    public void AddSheet(string name, IReadOnlyList<XlsxColumn> columns, IEnumerable<object?[]> rows)
    {
        var list = rows.ToList();
        if (list.FirstOrDefault(r => r.Length != columns.Count) is { } wrong)
        {
            throw new ArgumentException($"Sheet {name} has {columns.Count} columns; a row has {wrong.Length} values.", nameof(rows));
        }
        Plan(name, columns, list, null);
    }

    /// <summary>
    /// Adds a sheet whose rows are streamed when the workbook is written: <paramref name="writeRows"/> is called
    /// then with the sheet to write them to. The name is made valid and unique.
    /// </summary>
    public XlsxSheet AddStreamedSheet(string name, IReadOnlyList<XlsxColumn> columns, Func<XlsxSheet, CancellationToken, Task> writeRows)
    {
        var sheet = new XlsxSheet(this, columns, writeRows);
        Plan(name, columns, [], sheet);
        return sheet;
    }

    /// <summary>Writes the workbook: the formatted sheets, then each streamed sheet's rows, then the zip directory.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_sheets.Count == 0)
        {
            throw new InvalidOperationException("A workbook needs at least one sheet.");
        }
        ObjectDisposedException.ThrowIf(_started, this);
        _started = true;
        var template = BuildTemplate();
        using var document = SpreadsheetDocument.Open(new MemoryStream(template, writable: false), false);
        var workbookPart = document.WorkbookPart!;
        var parts = workbookPart.Workbook.Sheets!.Elements<Sheet>()
            .ToDictionary(s => s.Name!.Value!, s => (WorksheetPart)workbookPart.GetPartById(s.Id!));
        var streamed = _sheets.Where(s => s.Streamed is not null)
            .ToDictionary(s => parts[s.Name].Uri.OriginalString.TrimStart('/'), s => (Sheet: s.Streamed!, Part: parts[s.Name]));

        using (var zip = new ZipArchive(_output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            using (var source = new ZipArchive(new MemoryStream(template, writable: false), ZipArchiveMode.Read))
            {
                foreach (var entry in source.Entries.Where(e => e.FullName != WorkbookEntry && !streamed.ContainsKey(e.FullName)))
                {
                    using var from = entry.Open();
                    using var to = zip.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                    from.CopyTo(to);
                }
            }
            await _output.DrainAsync(cancellationToken);
            foreach (var (path, (sheet, part)) in streamed)
            {
                await using var entry = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
                await sheet.WriteAsync(entry, part.Worksheet, cancellationToken);
            }
            using (var entry = zip.CreateEntry(WorkbookEntry, CompressionLevel.Fastest).Open())
            {
                var workbook = workbookPart.Workbook;
                // ClosedXML names each sheet's filter range from the rows it held; a streamed sheet's are known only now.
                foreach (var filter in workbook.DefinedNames?.Elements<DefinedName>().Where(d => d.Name == "_xlnm._FilterDatabase") ?? [])
                {
                    var sheet = _sheets[(int)filter.LocalSheetId!.Value];
                    var rows = sheet.Streamed?.Rows ?? sheet.Rows.Count;
                    filter.Text = $"'{sheet.Name.Replace("'", "''")}'!$A$1:${ColumnLetters(sheet.Columns.Count - 1)}${rows + 1}";
                }
                workbook.Save(entry);
            }
        }
        await _output.DrainAsync(cancellationToken);
        _finished = true;
        await _output.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            // Abandoned (an error or a cancelled download): release without writing the rest.
            _finished = true;
            await _output.DisposeAsync();
        }
    }

    internal async ValueTask DrainIfFullAsync(CancellationToken cancellationToken)
    {
        if (_output.Buffered >= DrainThreshold)
        {
            await _output.DrainAsync(cancellationToken);
        }
    }

    internal double ToSerialDate(object value) => ToLocal(value).ToOADate();

    private DateTime ToLocal(object value) => value switch
    {
        DateTimeOffset o => TimeZoneInfo.ConvertTime(o, _zone).DateTime,
        DateTime d => d.Kind == DateTimeKind.Utc ? TimeZoneInfo.ConvertTimeFromUtc(d, _zone) : d,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        _ => throw new ArgumentException($"{value.GetType().Name} is not a date."),
    };

    private void Plan(string name, IReadOnlyList<XlsxColumn> columns, IReadOnlyList<object?[]> rows, XlsxSheet? streamed)
    {
        ObjectDisposedException.ThrowIf(_started, this);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A sheet needs at least one column.", nameof(columns));
        }
        var sheetName = UniqueSheetName(name);
        streamed?.Named(sheetName);
        _sheets.Add((sheetName, columns, rows, streamed));
    }

    /// <summary>The whole workbook through ClosedXML, each streamed sheet as its header row.</summary>
    private byte[] BuildTemplate()
    {
        using var book = new XLWorkbook();
        foreach (var (name, columns, rows, _) in _sheets)
        {
            var sheet = book.Worksheets.Add(name);
            var width = 0.0;
            for (var c = 0; c < columns.Count; c++)
            {
                var column = sheet.Column(c + 1);
                column.Width = WidthOf(columns[c], c, rows);
                width += column.Width;
                XlsxStyles.Apply(column.Style, columns[c].Kind);
                var header = sheet.Cell(1, c + 1);
                SetText(header, columns[c].Header);
                XlsxStyles.ApplyHeader(header.Style);
            }
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    SetCell(sheet.Cell(r + 2, c + 1), rows[r][c], columns[c].Kind);
                }
            }
            sheet.SheetView.FreezeRows(1);
            sheet.Range(1, 1, rows.Count + 1, columns.Count).SetAutoFilter();
            sheet.PageSetup.FitToPages(1, 0);
            sheet.PageSetup.PageOrientation = width > PortraitWidth ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
            sheet.PageSetup.SetRowsToRepeatAtTop(1, 1);
        }
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private void SetCell(IXLCell cell, object? value, XlsxKind kind)
    {
        if (value is XlsxCell own)
        {
            value = own.Value;
            kind = own.Kind;
        }
        switch (value)
        {
            case null:
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                break;
            case bool b:
                cell.Value = b;
                break;
            case DateTimeOffset or DateTime or DateOnly when kind is XlsxKind.Date or XlsxKind.DateTime:
                cell.Value = ToLocal(value);
                break;
            case TimeSpan t when kind is XlsxKind.Duration:
                cell.Value = t;
                break;
            case byte or short or int or long or float or double or decimal when kind is not XlsxKind.Text:
                cell.Value = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                break;
            default:
                SetText(cell, value);
                break;
        }
        // Set on every cell, an empty one too, so that it is written in its place and formatted like its column.
        XlsxStyles.Apply(cell.Style, kind);
    }

    private static void SetText(IXLCell cell, object value)
    {
        var text = SafeText(value);
        // ClosedXML takes a leading apostrophe as Excel's "quote prefix" and drops it from the text: doubled, one
        // stays, so the sheet holds what the CSV and the streamed sheets hold (SpreadsheetSafe's quoted text).
        cell.Value = text.StartsWith('\'') ? "'" + text : text;
        // Inline, like the streamed sheets' text: nothing to look up in a shared-string table.
        cell.ShareString = false;
    }

    private static double WidthOf(XlsxColumn column, int index, IReadOnlyList<object?[]> rows)
    {
        if (column.Width > 0)
        {
            return column.Width;
        }
        var byKind = column.Kind switch
        {
            XlsxKind.Number or XlsxKind.Currency or XlsxKind.Duration or XlsxKind.Date => 12,
            XlsxKind.DateTime => 20,
            _ => 10,
        };
        var longest = column.Kind == XlsxKind.Text
            ? rows.Select(r => r[index] is { } v ? SafeText(v is XlsxCell c ? c.Value ?? string.Empty : v).Length : 0).DefaultIfEmpty(0).Max()
            : 0;
        return Math.Min(60, Math.Max(Math.Max(byKind, column.Header.Length + 4), longest + 2));
    }

    private string UniqueSheetName(string name)
    {
        var clean = new string((name ?? "Sheet").Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '-' : c).ToArray()).Trim('\'').Trim();
        if (clean.Length == 0)
        {
            clean = "Sheet";
        }
        clean = clean.Length > 31 ? clean[..31] : clean;
        var candidate = clean;
        for (var n = 2; _sheets.Any(s => string.Equals(s.Name, candidate, StringComparison.OrdinalIgnoreCase)); n++)
        {
            var suffix = $" ({n})";
            candidate = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return candidate;
    }

    internal static string ColumnLetters(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }
        return letters;
    }

    /// <summary>Removes what XML 1.0 cannot carry (control characters, lone surrogates) and caps the length Excel allows.</summary>
    internal static string CleanText(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                || (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]));
            if (!valid)
            {
                clean ??= new StringBuilder(text, 0, i, text.Length);
                continue;
            }
            clean?.Append(c);
        }
        var result = clean?.ToString() ?? text;
        return result.Length > MaxCellText ? result[..MaxCellText] : result;
    }

    internal static string Invariant(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    internal static string SafeText(object value) => SpreadsheetSafe.Cell(CleanText(value switch
    {
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    }));
}
