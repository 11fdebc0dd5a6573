using System.Globalization;
using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
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
/// Formatted sheets are shown first, then streamed ones, each in the order added.
/// </summary>
/// <remarks>
/// How the two meet. ClosedXML lays out each streamed sheet as its header row alone, with that sheet's widths,
/// column styles, frozen pane, filter and print settings, and saves this small workbook: each streamed sheet's
/// part is then written into the output zip from that template with <c>OpenXmlWriter</c>, its elements copied and
/// its rows streamed into <c>sheetData</c>, every cell taking its column's style. Meanwhile the caller can compute
/// what the formatted sheets hold (the report's roll-up runs while the raw rows stream). The formatted sheets are
/// then added to the same ClosedXML workbook, which is saved again and copied into the zip, all but the streamed
/// sheets' parts; ClosedXML numbers styles in the order of its sheets, so the streamed sheets, added first, keep
/// the style numbers their cells were written with (checked, not assumed). <c>workbook.xml</c> goes last, once the
/// rows are counted for the filter ranges. The SDK's package API is not used for writing: on a read-write package
/// .NET's zip keeps every part in memory until it closes.
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
    private readonly XLWorkbook _book = new();
    private readonly List<(string Name, IReadOnlyList<XlsxColumn> Columns, IReadOnlyList<object?[]> Rows)> _formatted = [];
    private readonly List<XlsxSheet> _streamed = [];
    private ZipArchive? _zip;
    private MemoryStream? _saved;
    private Stylesheet? _streamedStyles;
    private HashSet<string> _streamedParts = [];
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
        ObjectDisposedException.ThrowIf(_finished, this);
        CheckColumns(columns);
        var list = rows.ToList();
        if (list.FirstOrDefault(r => r.Length != columns.Count) is { } wrong)
        {
            throw new ArgumentException($"Sheet {name} has {columns.Count} columns; a row has {wrong.Length} values.", nameof(rows));
        }
        _formatted.Add((UniqueSheetName(name), columns, list));
    }

    /// <summary>
    /// Adds a sheet whose rows are streamed: <paramref name="writeRows"/> is called with the sheet to write them to
    /// when the streamed sheets are written. The name is made valid and unique.
    /// </summary>
    public XlsxSheet AddStreamedSheet(string name, IReadOnlyList<XlsxColumn> columns, Func<XlsxSheet, CancellationToken, Task> writeRows)
    {
        if (_zip is not null)
        {
            throw new InvalidOperationException("Streamed sheets are added before they are written.");
        }
        CheckColumns(columns);
        var sheet = new XlsxSheet(this, UniqueSheetName(name), columns, writeRows);
        _streamed.Add(sheet);
        return sheet;
    }

    /// <summary>Writes the streamed sheets, rows and all. Formatted sheets can still be added afterwards.</summary>
    public async Task WriteStreamedSheetsAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_zip is not null)
        {
            throw new InvalidOperationException("The streamed sheets have been written already.");
        }
        _zip = new ZipArchive(_output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        foreach (var sheet in _streamed)
        {
            Lay(_book.Worksheets.Add(sheet.Name), sheet.Columns, []);
        }
        if (_streamed.Count == 0)
        {
            return;
        }
        using var document = SpreadsheetDocument.Open(new MemoryStream(Save(), writable: false), false);
        var workbookPart = document.WorkbookPart!;
        _streamedStyles = (Stylesheet)workbookPart.WorkbookStylesPart!.Stylesheet.CloneNode(true);
        var parts = PartsByName(workbookPart);
        _streamedParts = _streamed.Select(s => PathOf(parts[s.Name])).ToHashSet();
        foreach (var sheet in _streamed)
        {
            await using var entry = _zip.CreateEntry(PathOf(parts[sheet.Name]), CompressionLevel.Fastest).Open();
            await sheet.WriteAsync(entry, parts[sheet.Name].Worksheet, cancellationToken);
        }
    }

    /// <summary>Writes the formatted sheets (and the streamed ones, if not yet written) and the zip directory.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_formatted.Count + _streamed.Count == 0)
        {
            throw new InvalidOperationException("A workbook needs at least one sheet.");
        }
        if (_zip is null)
        {
            await WriteStreamedSheetsAsync(cancellationToken);
        }
        ObjectDisposedException.ThrowIf(_finished, this);
        for (var i = 0; i < _formatted.Count; i++)
        {
            var (name, columns, rows) = _formatted[i];
            var sheet = _book.Worksheets.Add(name);
            sheet.Position = i + 1;
            Lay(sheet, columns, rows);
        }
        _book.Worksheet(1).SetTabActive().TabSelected = true;
        var package = Save();
        using var document = SpreadsheetDocument.Open(new MemoryStream(package, writable: false), false);
        var workbookPart = document.WorkbookPart!;
        CheckStreamedStylesKept(workbookPart.WorkbookStylesPart!.Stylesheet);
        var parts = PartsByName(workbookPart);
        if (_streamed.Any(s => !_streamedParts.Contains(PathOf(parts[s.Name]))))
        {
            throw new InvalidOperationException("ClosedXML moved a streamed sheet to another part on its second save.");
        }
        var zip = _zip!;
        using (var source = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read))
        {
            foreach (var entry in source.Entries.Where(e => e.FullName != WorkbookEntry && !_streamedParts.Contains(e.FullName)))
            {
                using var from = entry.Open();
                using var to = zip.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                from.CopyTo(to);
            }
        }
        using (var entry = zip.CreateEntry(WorkbookEntry, CompressionLevel.Fastest).Open())
        {
            var workbook = workbookPart.Workbook;
            // ClosedXML names each sheet's filter range from the rows it held; a streamed sheet's are known only now.
            var shown = workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
            foreach (var filter in workbook.DefinedNames?.Elements<DefinedName>().Where(d => d.Name == "_xlnm._FilterDatabase") ?? [])
            {
                var name = shown[(int)filter.LocalSheetId!.Value];
                var (columns, rows) = _streamed.FirstOrDefault(s => s.Name == name) is { } streamed
                    ? (streamed.Columns.Count, streamed.Rows)
                    : _formatted.Where(f => f.Name == name).Select(f => (f.Columns.Count, f.Rows.Count)).Single();
                filter.Text = $"'{name.Replace("'", "''")}'!$A$1:${ColumnLetters(columns - 1)}${rows + 1}";
            }
            workbook.Save(entry);
        }
        zip.Dispose();
        await _output.DrainAsync(cancellationToken);
        _finished = true;
        _book.Dispose();
        await _output.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            // Abandoned (an error or a cancelled download): release without writing the rest.
            _finished = true;
            _zip?.Dispose();
            _book.Dispose();
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

    private static void CheckColumns(IReadOnlyList<XlsxColumn> columns)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("A sheet needs at least one column.", nameof(columns));
        }
    }

    /// <summary>A sheet's header, widths, formats, rows, frozen header, filter and print settings.</summary>
    private void Lay(IXLWorksheet sheet, IReadOnlyList<XlsxColumn> columns, IReadOnlyList<object?[]> rows)
    {
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

    private byte[] Save()
    {
        // Not disposed: after a save ClosedXML reads its next save's untouched parts from the stream it saved to.
        _saved = new MemoryStream();
        _book.SaveAs(_saved);
        return _saved.ToArray();
    }

    private static Dictionary<string, WorksheetPart> PartsByName(WorkbookPart workbookPart) =>
        workbookPart.Workbook.Sheets!.Elements<Sheet>().ToDictionary(s => s.Name!.Value!, s => (WorksheetPart)workbookPart.GetPartById(s.Id!));

    /// <summary>A part's entry in the zip.</summary>
    private static string PathOf(OpenXmlPart part) => part.Uri.OriginalString.TrimStart('/');

    /// <summary>The streamed sheets' cells point into the first save's styles: the second save must begin with them.</summary>
    private void CheckStreamedStylesKept(Stylesheet styles)
    {
        if (_streamedStyles is null)
        {
            return;
        }
        static IEnumerable<OpenXmlElement?> Lists(Stylesheet s) => [s.NumberingFormats, s.Fonts, s.Fills, s.Borders, s.CellStyleFormats, s.CellFormats];
        foreach (var (before, after) in Lists(_streamedStyles).Zip(Lists(styles)))
        {
            var kept = before?.ChildElements.Select(e => e.OuterXml).ToList() ?? [];
            if (!kept.SequenceEqual((after?.ChildElements.Select(e => e.OuterXml) ?? []).Take(kept.Count)))
            {
                throw new InvalidOperationException("ClosedXML renumbered the styles on its second save; the streamed sheets' cells would show the wrong formats.");
            }
        }
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
        var taken = _formatted.Select(f => f.Name).Concat(_streamed.Select(s => s.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var n = 2; taken.Contains(candidate); n++)
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
