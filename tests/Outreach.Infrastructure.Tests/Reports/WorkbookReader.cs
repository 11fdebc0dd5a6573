using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Outreach.Infrastructure.Tests.Reports;

/// <summary>Reads a generated workbook back with the Open XML SDK, after checking it with the SDK's validator.</summary>
public sealed class WorkbookReader : IDisposable
{
    private readonly MemoryStream _stream;
    private readonly SpreadsheetDocument _document;

    public WorkbookReader(byte[] bytes)
    {
        _stream = new MemoryStream(bytes, writable: false);
        _document = SpreadsheetDocument.Open(_stream, false);
    }

    public IReadOnlyList<string> ValidationErrors() =>
        new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2010).Validate(_document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

    public IReadOnlyList<string> SheetNames() =>
        _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    /// <summary>Each sheet's filter range as Excel finds it: the hidden _FilterDatabase name, by the sheet's display index.</summary>
    public IReadOnlyDictionary<string, string> FilterRanges()
    {
        var sheets = SheetNames();
        return _document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>()
            .Where(d => d.Name == "_xlnm._FilterDatabase")
            .ToDictionary(d => sheets[(int)d.LocalSheetId!.Value], d => d.Text);
    }

    /// <summary>Each sheet's rows repeated at the top of every printed page, by the sheet's display index.</summary>
    public IReadOnlyDictionary<string, string> PrintTitles()
    {
        var sheets = SheetNames();
        return _document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>()
            .Where(d => d.Name == "_xlnm.Print_Titles")
            .ToDictionary(d => sheets[(int)d.LocalSheetId!.Value], d => d.Text);
    }

    public Worksheet Sheet(string name)
    {
        var sheet = _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)_document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
    }

    /// <summary>The sheet's rows as cells (header included).</summary>
    public IReadOnlyList<IReadOnlyList<Cell>> Rows(string name) =>
        Sheet(name).GetFirstChild<SheetData>()!.Elements<Row>().Select(r => (IReadOnlyList<Cell>)r.Elements<Cell>().ToList()).ToList();

    public string NumberFormat(Cell cell)
    {
        var styles = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var id = format.NumberFormatId?.Value ?? 0;
        return styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId?.Value == id)?.FormatCode?.Value
            ?? id.ToString(CultureInfo.InvariantCulture);
    }

    public bool IsBold(Cell cell)
    {
        var styles = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        return styles.Fonts!.Elements<Font>().ElementAt((int)(format.FontId?.Value ?? 0)).Bold is not null;
    }

    public static string? Text(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.Text?.Text : null;

    public static double? Number(Cell cell) =>
        cell.DataType is null && cell.CellValue is { } v ? double.Parse(v.Text, CultureInfo.InvariantCulture) : null;

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }
}
