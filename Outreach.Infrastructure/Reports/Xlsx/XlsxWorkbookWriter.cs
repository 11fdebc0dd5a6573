using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Outreach.Domain.Common;

namespace Outreach.Infrastructure.Reports.Xlsx;

/// <summary>
/// Writes an .xlsx workbook as a stream: each sheet's rows are written as XML straight
/// into a zip entry, and the zip goes to the output in chunks, so a million rows need no more memory than
/// ten. The Open XML SDK's package API is not used for writing because it keeps every part in memory until
/// the package closes; the parts written here are the minimal set Excel and LibreOffice need (and that the
/// SDK's validator accepts). Strings are inline (no shared-string table to hold), text is neutralised
/// against formula injection, numbers and dates are real numbers with formats.
/// </summary>
public sealed class XlsxWorkbookWriter : IAsyncDisposable
{
    public const int MaxRowsPerSheet = 1_048_576;
    private const int MaxCellText = 32_767;
    private const int DrainThreshold = 256 * 1024;

    private readonly DrainableStream _output;
    private readonly ZipArchive _zip;
    private readonly TimeZoneInfo _zone;
    // In the order they were written (their part numbers); Position decides where the workbook shows them.
    private readonly List<(string Name, string Range, int Position)> _sheets = [];
    private XlsxSheet? _open;
    private bool _finished;

    /// <param name="output">Where the workbook goes; written asynchronously, never read or seeked.</param>
    /// <param name="zone">Date-times are shown in this zone (Excel has no time zones).</param>
    public XlsxWorkbookWriter(Stream output, TimeZoneInfo? zone = null)
    {
        _output = new DrainableStream(output);
        _zip = new ZipArchive(_output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        _zone = zone ?? TimeZoneInfo.Utc;
    }

    /// <summary>Bytes handed to the output so far.</summary>
    public long BytesWritten => _output.BytesWritten;

    /// <summary>
    /// Starts a sheet (ending the one before). The name is made valid and unique. Sheets are shown in the order
    /// of <paramref name="position"/> (then in the order written), so a sheet can be written before the ones it
    /// follows, for example raw data while the summary is still being computed.
    /// </summary>
    public async Task<XlsxSheet> AddSheetAsync(string name, IReadOnlyList<XlsxColumn> columns, CancellationToken cancellationToken, int? position = null)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_open is not null)
        {
            await _open.FinishAsync(cancellationToken);
        }
        var sheetName = UniqueSheetName(name);
        var index = _sheets.Count + 1;
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{index}.xml", CompressionLevel.Fastest);
        _open = new XlsxSheet(this, sheetName, columns, entry.Open());
        _sheets.Add((sheetName, string.Empty, position ?? index));
        return _open;
    }

    /// <summary>Ends the last sheet, writes the workbook's own parts and the zip directory, and flushes everything.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }
        if (_open is not null)
        {
            await _open.FinishAsync(cancellationToken);
        }
        if (_sheets.Count == 0)
        {
            throw new InvalidOperationException("A workbook needs at least one sheet.");
        }
        _finished = true;
        WriteText("[Content_Types].xml", ContentTypes());
        WriteText("_rels/.rels", RootRelationships);
        WriteText("xl/_rels/workbook.xml.rels", WorkbookRelationships());
        WriteText("xl/styles.xml", XlsxStyles.Xml);
        WriteWorkbook();
        _zip.Dispose();
        await _output.DrainAsync(cancellationToken);
        await _output.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            // Abandoned (an error or a cancelled download): release without writing a half workbook's directory.
            _finished = true;
            _open?.Abandon();
            _zip.Dispose();
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

    internal ValueTask DrainAsync(CancellationToken cancellationToken) => _output.DrainAsync(cancellationToken);

    internal void Closed(XlsxSheet sheet, string range)
    {
        var i = _sheets.FindIndex(s => s.Name == sheet.Name);
        _sheets[i] = _sheets[i] with { Range = range };
        _open = null;
    }

    internal double ToSerialDate(object value) => value switch
    {
        DateTimeOffset o => TimeZoneInfo.ConvertTime(o, _zone).DateTime.ToOADate(),
        DateTime d => (d.Kind == DateTimeKind.Utc ? TimeZoneInfo.ConvertTimeFromUtc(d, _zone) : d).ToOADate(),
        DateOnly d => d.ToDateTime(TimeOnly.MinValue).ToOADate(),
        _ => throw new ArgumentException($"{value.GetType().Name} is not a date."),
    };

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

    private void WriteText(string path, string text)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write(text);
    }

    private void WriteWorkbook()
    {
        using var stream = _zip.CreateEntry("xl/workbook.xml", CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Workbook(), [], [new KeyValuePair<string, string>("r", RelationshipNamespace)]);
        // Part i + 1 is relationship rId{i + 1}; the list below is in display order.
        var shown = _sheets.Select((sheet, part) => (sheet.Name, sheet.Range, Part: part + 1, sheet.Position))
            .OrderBy(s => s.Position).ThenBy(s => s.Part).ToList();
        writer.WriteStartElement(new Sheets());
        foreach (var sheet in shown)
        {
            writer.WriteElement(new Sheet { Name = sheet.Name, SheetId = (uint)sheet.Part, Id = $"rId{sheet.Part}" });
        }
        writer.WriteEndElement();
        // Excel looks for each sheet's filter range here; without it the autofilter still shows but forgets its range on re-save.
        if (shown.Any(s => s.Range.Length > 0))
        {
            writer.WriteStartElement(new DefinedNames());
            for (var i = 0; i < shown.Count; i++)
            {
                if (shown[i].Range.Length > 0)
                {
                    // localSheetId is the sheet's index in display order.
                    writer.WriteElement(new DefinedName($"'{shown[i].Name.Replace("'", "''")}'!{AbsoluteRange(shown[i].Range)}")
                    {
                        Name = "_xlnm._FilterDatabase",
                        LocalSheetId = (uint)i,
                        Hidden = true,
                    });
                }
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.Close();
    }

    private static string AbsoluteRange(string range) =>
        string.Join(':', range.Split(':').Select(cell =>
        {
            var letters = new string(cell.TakeWhile(char.IsLetter).ToArray());
            return $"${letters}${cell[letters.Length..]}";
        }));

    private string ContentTypes()
    {
        var sheets = string.Concat(Enumerable.Range(1, _sheets.Count).Select(i =>
            $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""));
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{sheets}</Types>""";
    }

    private string WorkbookRelationships()
    {
        var sheets = string.Concat(Enumerable.Range(1, _sheets.Count).Select(i =>
            $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"""));
        var styles = $"""<Relationship Id="rId{_sheets.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""";
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{sheets}{styles}</Relationships>""";
    }

    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const string RootRelationships = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

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
