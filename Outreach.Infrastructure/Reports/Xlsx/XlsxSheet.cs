using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Outreach.Infrastructure.Reports.Xlsx;

/// <summary>
/// A streamed sheet: its rows go one by one through the Open XML SDK's <c>OpenXmlWriter</c> into the workbook's
/// zip, inside the sheet ClosedXML laid out (header, widths, styles, frozen pane, filter, print settings).
/// </summary>
/// <remarks>
/// The per-row path allocates nothing but the values' text: the elements and each column's attributes are made
/// once, and cells carry no reference (they follow one another), which keeps a 100,000-row sheet within its time.
/// </remarks>
public sealed class XlsxSheet : ITableRowWriter
{
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private readonly XlsxWorkbookWriter _workbook;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly Func<XlsxSheet, CancellationToken, Task> _writeRows;
    private readonly Row _row = new();
    private readonly Cell _cell = new();
    private readonly CellValue _value = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly OpenXmlAttribute[] _preserve = [new("xml", "space", XmlNamespace, "preserve")];
    private OpenXmlAttribute[][] _numberCells = [];
    private OpenXmlAttribute[][] _textCells = [];
    private OpenXmlAttribute[][] _booleanCells = [];
    private OpenXmlWriter? _writer;

    internal XlsxSheet(XlsxWorkbookWriter workbook, string name, IReadOnlyList<XlsxColumn> columns, Func<XlsxSheet, CancellationToken, Task> writeRows)
    {
        _workbook = workbook;
        Name = name;
        _columns = columns;
        _writeRows = writeRows;
    }

    /// <summary>The sheet's name as shown (made valid and unique).</summary>
    public string Name { get; }

    public IReadOnlyList<XlsxColumn> Columns => _columns;

    /// <summary>Data rows written so far (the header not counted).</summary>
    public int Rows { get; private set; }

    /// <summary>Writes one row; values line up with the columns (null leaves a cell empty).</summary>
    public async ValueTask WriteRowAsync(object?[] values, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException($"Rows of sheet {Name} are written when the workbook is.");
        if (values.Length != _columns.Count)
        {
            throw new ArgumentException($"Sheet {Name} has {_columns.Count} columns; the row has {values.Length} values.", nameof(values));
        }
        if (Rows + 1 >= XlsxWorkbookWriter.MaxRowsPerSheet)
        {
            throw new InvalidOperationException($"Sheet {Name} is full: a sheet holds at most {XlsxWorkbookWriter.MaxRowsPerSheet:N0} rows.");
        }
        Rows++;
        writer.WriteStartElement(_row);
        for (var i = 0; i < values.Length; i++)
        {
            WriteCell(writer, i, values[i]);
        }
        writer.WriteEndElement();
        // The XML writer's and the compressor's own buffers are small and bounded; what they pass on is drained here.
        if (Rows % 64 == 0)
        {
            await _workbook.DrainIfFullAsync(cancellationToken);
        }
    }

    /// <summary>Copies the template's elements to <paramref name="entry"/>, streaming the rows into its sheetData.</summary>
    internal async Task WriteAsync(Stream entry, Worksheet template, CancellationToken cancellationToken)
    {
        StylesFrom(template);
        // The formatted sheets come first and the first of them is the selected tab; two selected tabs would be grouped.
        foreach (var view in template.Descendants<SheetView>())
        {
            view.TabSelected = null;
        }
        using var writer = OpenXmlWriter.Create(entry);
        _writer = writer;
        writer.WriteStartDocument(true);
        writer.WriteStartElement(template, template.GetAttributes(), template.NamespaceDeclarations);
        foreach (var element in template.ChildElements)
        {
            switch (element)
            {
                case SheetDimension:
                    // Optional, and ClosedXML's names only the header: left out rather than wrong.
                    break;
                case SheetData data:
                    writer.WriteStartElement(data);
                    foreach (var header in data.Elements<Row>())
                    {
                        writer.WriteElement(header);
                    }
                    await _writeRows(this, cancellationToken);
                    writer.WriteEndElement();
                    break;
                case AutoFilter:
                    writer.WriteElement(new AutoFilter { Reference = $"A1:{XlsxWorkbookWriter.ColumnLetters(_columns.Count - 1)}{Rows + 1}" });
                    break;
                default:
                    writer.WriteElement(element);
                    break;
            }
        }
        writer.WriteEndElement();
        writer.Close();
        _writer = null;
        await _workbook.DrainIfFullAsync(cancellationToken);
    }

    /// <summary>Each cell takes the style ClosedXML gave its column (its number format).</summary>
    private void StylesFrom(Worksheet template)
    {
        var styles = new uint[_columns.Count];
        foreach (var column in template.GetFirstChild<Columns>()?.Elements<Column>() ?? [])
        {
            for (var i = (int)column.Min!.Value; i <= column.Max!.Value && i <= styles.Length; i++)
            {
                styles[i - 1] = column.Style?.Value ?? 0;
            }
        }
        OpenXmlAttribute Style(int i) => new(string.Empty, "s", string.Empty, styles[i].ToString(CultureInfo.InvariantCulture));
        _numberCells = [.. styles.Select((_, i) => new[] { Style(i) })];
        _textCells = [.. styles.Select((_, i) => new[] { Style(i), new OpenXmlAttribute(string.Empty, "t", string.Empty, "inlineStr") })];
        _booleanCells = [.. styles.Select((_, i) => new[] { Style(i), new OpenXmlAttribute(string.Empty, "t", string.Empty, "b") })];
    }

    private void WriteCell(OpenXmlWriter writer, int i, object? value)
    {
        var kind = _columns[i].Kind;
        switch (value)
        {
            case null:
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                writer.WriteStartElement(_cell, _numberCells[i]);
                writer.WriteEndElement();
                break;
            case bool b:
                WriteValue(writer, _booleanCells[i], b ? "1" : "0");
                break;
            case DateTimeOffset or DateTime or DateOnly when kind is XlsxKind.Date or XlsxKind.DateTime:
                WriteValue(writer, _numberCells[i], XlsxWorkbookWriter.Invariant(_workbook.ToSerialDate(value)));
                break;
            case TimeSpan t when kind is XlsxKind.Duration:
                WriteValue(writer, _numberCells[i], XlsxWorkbookWriter.Invariant(t.TotalDays));
                break;
            case byte or short or int or long or float or double or decimal when kind is not XlsxKind.Text:
                WriteValue(writer, _numberCells[i], XlsxWorkbookWriter.Invariant(value));
                break;
            default:
                var text = XlsxWorkbookWriter.SafeText(value);
                writer.WriteStartElement(_cell, _textCells[i]);
                writer.WriteStartElement(_inline);
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                {
                    writer.WriteStartElement(_text, _preserve);
                }
                else
                {
                    writer.WriteStartElement(_text);
                }
                writer.WriteString(text);
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndElement();
                break;
        }
    }

    private void WriteValue(OpenXmlWriter writer, OpenXmlAttribute[] attributes, string value)
    {
        writer.WriteStartElement(_cell, attributes);
        writer.WriteStartElement(_value);
        writer.WriteString(value);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
