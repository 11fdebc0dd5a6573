using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Outreach.Infrastructure.Reports.Xlsx;

/// <summary>
/// One sheet being written: a bold, frozen, filterable header row, then rows in order. The first rows are
/// held back briefly to size the columns from real values; after that each row is written as it comes.
/// </summary>
public sealed class XlsxSheet : ITableRowWriter
{
    private const int SampleRows = 50;

    // One instance of each element, reused for every cell: OpenXmlWriter only reads their names.
    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly InlineString InlineElement = new();
    private static readonly Text TextElement = new();
    private static readonly Dictionary<XlsxKind, List<OpenXmlAttribute>> KindAttributes =
        Enum.GetValues<XlsxKind>().ToDictionary(k => k, k => new List<OpenXmlAttribute> { new("s", "", XlsxStyles.StyleOf(k).ToString()) });
    private static readonly IReadOnlyList<OpenXmlAttribute> PreserveSpace = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];

    private readonly XlsxWorkbookWriter _workbook;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly Stream _entry;
    private readonly OpenXmlWriter _writer;
    private readonly List<OpenXmlAttribute>[] _textAttributes;
    private readonly List<OpenXmlAttribute>[] _numberAttributes;
    private readonly List<OpenXmlAttribute>[] _booleanAttributes;
    private List<object?[]>? _sample = [];
    private int _rows;

    internal XlsxSheet(XlsxWorkbookWriter workbook, string name, IReadOnlyList<XlsxColumn> columns, Stream entry)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("A sheet needs at least one column.", nameof(columns));
        }
        _workbook = workbook;
        Name = name;
        _columns = columns;
        _entry = entry;
        _writer = OpenXmlWriter.Create(entry);
        _textAttributes = columns.Select(c => new List<OpenXmlAttribute> { new("t", "", "inlineStr"), new("s", "", XlsxStyles.StyleOf(XlsxKind.Text).ToString()) }).ToArray();
        _numberAttributes = columns.Select(c => new List<OpenXmlAttribute> { new("s", "", XlsxStyles.StyleOf(c.Kind).ToString()) }).ToArray();
        _booleanAttributes = columns.Select(c => new List<OpenXmlAttribute> { new("t", "", "b") }).ToArray();
    }

    public string Name { get; }

    /// <summary>Data rows written so far (the header not counted).</summary>
    public int Rows => _rows;

    /// <summary>Writes one row; values line up with the columns (null leaves a cell empty).</summary>
    public async ValueTask WriteRowAsync(object?[] values, CancellationToken cancellationToken)
    {
        if (values.Length != _columns.Count)
        {
            throw new ArgumentException($"Sheet {Name} has {_columns.Count} columns; the row has {values.Length} values.", nameof(values));
        }
        if (_rows + 1 >= XlsxWorkbookWriter.MaxRowsPerSheet)
        {
            throw new InvalidOperationException($"Sheet {Name} is full: a sheet holds at most {XlsxWorkbookWriter.MaxRowsPerSheet:N0} rows.");
        }
        _rows++;
        if (_sample is not null)
        {
            _sample.Add((object?[])values.Clone());
            if (_sample.Count >= SampleRows)
            {
                StartSheet();
            }
            return;
        }
        WriteCells(values);
        await _workbook.DrainIfFullAsync(cancellationToken);
    }

    internal async ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        if (_sample is not null)
        {
            StartSheet();
        }
        _writer.WriteEndElement(); // sheetData
        var range = $"A1:{XlsxWorkbookWriter.ColumnLetters(_columns.Count - 1)}{_rows + 1}";
        _writer.WriteElement(new AutoFilter { Reference = range });
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        await _entry.DisposeAsync();
        _workbook.Closed(this, range);
        await _workbook.DrainAsync(cancellationToken);
    }

    internal void Abandon()
    {
        _writer.Dispose();
        _entry.Dispose();
    }

    private void StartSheet()
    {
        var sample = _sample!;
        _sample = null;
        _writer.WriteStartDocument(true);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0U }));
        var columns = new Columns();
        for (var i = 0; i < _columns.Count; i++)
        {
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = WidthOf(i, sample), CustomWidth = true });
        }
        _writer.WriteElement(columns);
        _writer.WriteStartElement(new SheetData());
        _writer.WriteStartElement(RowElement);
        var header = new List<OpenXmlAttribute> { new("t", "", "inlineStr"), new("s", "", XlsxStyles.Header.ToString()) };
        foreach (var column in _columns)
        {
            WriteText(header, XlsxWorkbookWriter.SafeText(column.Header));
        }
        _writer.WriteEndElement();
        foreach (var row in sample)
        {
            WriteCells(row);
        }
    }

    private void WriteCells(object?[] values)
    {
        _writer.WriteStartElement(RowElement);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            var kind = _columns[i].Kind;
            var numberAttributes = _numberAttributes[i];
            if (value is XlsxCell cell)
            {
                value = cell.Value;
                kind = cell.Kind;
                numberAttributes = KindAttributes[kind];
            }
            if (value is null)
            {
                _writer.WriteElement(CellElement);
                continue;
            }
            switch (value)
            {
                case bool b:
                    WriteValue(_booleanAttributes[i], b ? "1" : "0");
                    break;
                case DateTimeOffset or DateTime or DateOnly when kind is XlsxKind.Date or XlsxKind.DateTime:
                    WriteValue(numberAttributes, XlsxWorkbookWriter.Invariant(_workbook.ToSerialDate(value)));
                    break;
                case TimeSpan t when kind is XlsxKind.Duration:
                    WriteValue(numberAttributes, XlsxWorkbookWriter.Invariant(t.TotalDays));
                    break;
                case double d when double.IsNaN(d) || double.IsInfinity(d):
                    _writer.WriteElement(CellElement);
                    break;
                case byte or short or int or long or float or double or decimal when kind is not XlsxKind.Text:
                    WriteValue(numberAttributes, XlsxWorkbookWriter.Invariant(value));
                    break;
                default:
                    WriteText(_textAttributes[i], XlsxWorkbookWriter.SafeText(value));
                    break;
            }
        }
        _writer.WriteEndElement();
    }

    private void WriteValue(IReadOnlyList<OpenXmlAttribute> attributes, string value)
    {
        _writer.WriteStartElement(CellElement, attributes);
        _writer.WriteStartElement(ValueElement);
        _writer.WriteString(value);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    private void WriteText(IReadOnlyList<OpenXmlAttribute> attributes, string text)
    {
        _writer.WriteStartElement(CellElement, attributes);
        _writer.WriteStartElement(InlineElement);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            _writer.WriteStartElement(TextElement, PreserveSpace);
        }
        else
        {
            _writer.WriteStartElement(TextElement);
        }
        _writer.WriteString(text);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    private double WidthOf(int index, List<object?[]> sample)
    {
        var column = _columns[index];
        if (column.Width > 0)
        {
            return column.Width;
        }
        var byKind = column.Kind switch
        {
            XlsxKind.Integer or XlsxKind.Percent or XlsxKind.Boolean => 10,
            XlsxKind.Number or XlsxKind.Currency or XlsxKind.Duration => 12,
            XlsxKind.Date => 12,
            XlsxKind.DateTime => 20,
            _ => 10,
        };
        var longest = column.Kind == XlsxKind.Text
            ?sample.Select(r => r[index] is { } v ? XlsxWorkbookWriter.SafeText(v is XlsxCell c ? c.Value ?? string.Empty : v).Length : 0).DefaultIfEmpty(0).Max()
            : 0;
        return Math.Min(60, Math.Max(Math.Max(byKind, column.Header.Length + 4), longest + 2));
    }
}
