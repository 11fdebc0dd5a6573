using DocumentFormat.OpenXml.Spreadsheet;
using Outreach.Infrastructure.Reports.Xlsx;

namespace Outreach.Infrastructure.Tests.Reports;

public sealed class XlsxWorkbookWriterTests
{
    private static readonly XlsxColumn[] Columns =
    [
        new("Name", XlsxKind.Text), new("Count", XlsxKind.Integer), new("Cost", XlsxKind.Currency), new("Rate", XlsxKind.Percent),
        new("Day", XlsxKind.Date), new("At", XlsxKind.DateTime), new("Wait", XlsxKind.Duration), new("Active", XlsxKind.Boolean),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_workbook_passes_the_validator_and_reads_back_with_real_numbers_dates_and_formats(bool streamed)
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var bytes = await WriteAsync(chicago, async workbook =>
        {
            await AddSheet(workbook, streamed, "Data", Columns,
            [
                ["Pat", 42L, 0.0079m, 0.25, new DateOnly(2026, 11, 2), new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(90), true],
                [null, null, null, null, null, null, null, null],
            ]);
            // A formatted sheet with formats of its own, shown first: the streamed sheet's formats must not shift.
            workbook.AddSheet("Other", [new XlsxColumn("Share", XlsxKind.Percent), new XlsxColumn("Note", XlsxKind.Text), new XlsxColumn("At", XlsxKind.DateTime)],
                [[new XlsxCell(12.5, XlsxKind.Currency), "=quoted", new XlsxCell(TimeSpan.FromHours(2), XlsxKind.Duration)]]);
        });

        using var reader = new WorkbookReader(bytes);
        Assert.Empty(reader.ValidationErrors());
        var rows = reader.Rows("Data");
        Assert.Equal(3, rows.Count);
        Assert.Equal(Columns.Select(c => c.Header), rows[0].Select(WorkbookReader.Text));
        Assert.All(rows[0], c => Assert.True(reader.IsBold(c)));
        var data = rows[1];
        Assert.Equal("Pat", WorkbookReader.Text(data[0]));
        Assert.Equal(42, WorkbookReader.Number(data[1]));
        Assert.Equal(0.0079, WorkbookReader.Number(data[2]));
        Assert.Equal("\"$\"#,##0.00", reader.NumberFormat(data[2]));
        Assert.Equal(0.25, WorkbookReader.Number(data[3]));
        Assert.Equal("0.0%", reader.NumberFormat(data[3]));
        Assert.Equal(new DateTime(2026, 11, 2), DateTime.FromOADate(WorkbookReader.Number(data[4])!.Value));
        Assert.Equal("yyyy-mm-dd", reader.NumberFormat(data[4]));
        // 15:00 UTC is 09:00 in Chicago: Excel has no zones, so the sheet shows the team's local time.
        Assert.Equal(new DateTime(2026, 11, 3, 9, 0, 0), DateTime.FromOADate(WorkbookReader.Number(data[5])!.Value));
        Assert.Equal(1.5 / 24, WorkbookReader.Number(data[6])!.Value, 10);
        Assert.Equal("[h]:mm:ss", reader.NumberFormat(data[6]));
        Assert.Equal(CellValues.Boolean, data[7].DataType!.Value);
        Assert.All(rows[2], c => Assert.Null(c.CellValue));

        var worksheet = reader.Sheet("Data");
        var pane = worksheet.Descendants<Pane>().Single();
        // Frozen either way; "frozenSplit" (ClosedXML's) only says that unfreezing leaves no split behind.
        Assert.Contains(pane.State!.Value, new[] { PaneStateValues.Frozen, PaneStateValues.FrozenSplit });
        Assert.Equal(1, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal("A1:H3", worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.Equal("'Data'!$A$1:$H$3", reader.FilterRanges()["Data"]);
        Assert.All(worksheet.Descendants<Column>(), c => Assert.InRange(c.Width!.Value, 8, 60));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_sheet_prints_one_page_wide_with_its_header_on_each_page_and_a_wide_one_in_landscape(bool streamed)
    {
        var bytes = await WriteAsync(null, async workbook =>
        {
            await AddSheet(workbook, streamed, "Narrow", [new XlsxColumn("Name", XlsxKind.Text, 30), new XlsxColumn("Count", XlsxKind.Integer)], [["Pat", 1]]);
            await AddSheet(workbook, streamed, "Wide", [new XlsxColumn("Body", XlsxKind.Text, 60), new XlsxColumn("Error", XlsxKind.Text, 50)], [["Hello", "none"]]);
        });

        using var reader = new WorkbookReader(bytes);
        Assert.Empty(reader.ValidationErrors());
        foreach (var (name, orientation) in new[] { ("Narrow", OrientationValues.Portrait), ("Wide", OrientationValues.Landscape) })
        {
            var worksheet = reader.Sheet(name);
            Assert.True(worksheet.SheetProperties!.PageSetupProperties!.FitToPage!.Value);
            var setup = worksheet.GetFirstChild<PageSetup>()!;
            Assert.Equal(1u, setup.FitToWidth?.Value ?? 1u); // 1 is the schema's default
            Assert.Equal(0u, setup.FitToHeight!.Value); // as many pages tall as it takes
            Assert.Equal(orientation, setup.Orientation!.Value);
            Assert.Equal($"{name}!1:1", reader.PrintTitles()[name]);
        }
        Assert.Equal([30.0, 60.0], new[] { "Narrow", "Wide" }.Select(n => Math.Floor(reader.Sheet(n).Descendants<Column>().First().Width!.Value)));
    }

    public static TheoryData<string, bool> Formulas()
    {
        var data = new TheoryData<string, bool>();
        foreach (var text in new[] { "=1+1", "+SUM(A1:A9)", "-2+3+cmd|' /C calc'!A0", "@SUM(1)", "\t=1", "\r=1", "\n=1", "=HYPERLINK(\"http://evil.example\",\"click\")" })
        {
            data.Add(text, false);
            data.Add(text, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public async Task Text_that_a_spreadsheet_would_run_is_quoted_in_cells_and_headers(string text, bool streamed)
    {
        var bytes = await WriteAsync(null, workbook =>
            AddSheet(workbook, streamed, "Data", [new XlsxColumn(text, XlsxKind.Text), new XlsxColumn("Number", XlsxKind.Number)], [[text, -12.5]]));

        using var reader = new WorkbookReader(bytes);
        Assert.Empty(reader.ValidationErrors());
        var rows = reader.Rows("Data");
        // XML reads a lone carriage return back as a line feed; what matters is the quote in front.
        Assert.Equal("'" + text.Replace('\r', '\n'), WorkbookReader.Text(rows[0][0]));
        Assert.Equal("'" + text.Replace('\r', '\n'), WorkbookReader.Text(rows[1][0]));
        Assert.Equal(-12.5, WorkbookReader.Number(rows[1][1]));
        Assert.Null(rows[1][0].CellFormula);
    }

    [Theory]
    [InlineData("-12.5", false)]
    [InlineData("+15125550123", false)]
    [InlineData("Pat @ Acme", false)]
    [InlineData("3 + 4", false)]
    [InlineData("'quoted'", false)]
    [InlineData("-12.5", true)]
    [InlineData("+15125550123", true)]
    [InlineData("'quoted'", true)]
    public async Task Plain_numbers_and_harmless_text_are_kept_as_they_are(string text, bool streamed)
    {
        var bytes = await WriteAsync(null, workbook => AddSheet(workbook, streamed, "Data", [new XlsxColumn("Value", XlsxKind.Text)], [[text]]));

        using var reader = new WorkbookReader(bytes);
        Assert.Equal(text, WorkbookReader.Text(reader.Rows("Data")[1][0]));
    }

    [Fact]
    public async Task Sheet_names_are_made_valid_and_unique_and_control_characters_are_dropped()
    {
        var bytes = await WriteAsync(null, async workbook =>
        {
            await AddSheet(workbook, false, "By state/region: [all]", [new XlsxColumn("A", XlsxKind.Text)], [["bell\u0007 and nul\u0000 gone"]]);
            await AddSheet(workbook, false, "A name that is much longer than thirty-one characters", [new XlsxColumn("A", XlsxKind.Text)], []);
            await AddSheet(workbook, true, "By state/region: [all]", [new XlsxColumn("A", XlsxKind.Text)], [["bell\u0007 and nul\u0000 gone"]]);
        });

        using var reader = new WorkbookReader(bytes);
        Assert.Empty(reader.ValidationErrors());
        // Formatted sheets are shown first, then streamed ones.
        Assert.Equal(["By state-region- -all-", "A name that is much longer than", "By state-region- -all- (2)"], reader.SheetNames());
        Assert.Equal("bell and nul gone", WorkbookReader.Text(reader.Rows("By state-region- -all-")[1][0]));
        Assert.Equal("bell and nul gone", WorkbookReader.Text(reader.Rows("By state-region- -all- (2)")[1][0]));
    }

    [Fact]
    public async Task A_large_sheet_streams_to_an_output_that_refuses_synchronous_writes()
    {
        await using var output = new AsyncOnlyStream();
        var whileWriting = 0L;
        await using (var workbook = new XlsxWorkbookWriter(output))
        {
            workbook.AddSheet("Summary", [new XlsxColumn("Metric", XlsxKind.Text)], [["Rows"]]);
            workbook.AddStreamedSheet("Rows", [new XlsxColumn("N", XlsxKind.Integer), new XlsxColumn("Text", XlsxKind.Text)], async (sheet, ct) =>
            {
                for (var i = 0; i < 30_000; i++)
                {
                    await sheet.WriteRowAsync([i, Guid.NewGuid().ToString()], ct);
                }
                whileWriting = workbook.BytesWritten;
            });
            await workbook.FinishAsync(default);
        }

        // Bytes leave while rows are still being written: the workbook is never held whole.
        Assert.True(whileWriting > 100_000, $"{whileWriting} bytes had left when the last row was written");

        using var reader = new WorkbookReader(output.ToArray());
        Assert.Empty(reader.ValidationErrors());
        var rows = reader.Rows("Rows");
        Assert.Equal(30_001, rows.Count);
        Assert.Equal(29_999, WorkbookReader.Number(rows[^1][0]));
    }

    /// <summary>A formatted sheet (ClosedXML, in memory) or a streamed one (OpenXmlWriter) with the same rows.</summary>
    private static Task AddSheet(XlsxWorkbookWriter workbook, bool streamed, string name, XlsxColumn[] columns, object?[][] rows)
    {
        if (!streamed)
        {
            workbook.AddSheet(name, columns, rows);
            return Task.CompletedTask;
        }
        workbook.AddStreamedSheet(name, columns, async (sheet, ct) =>
        {
            foreach (var row in rows)
            {
                await sheet.WriteRowAsync(row, ct);
            }
        });
        return Task.CompletedTask;
    }

    private static async Task<byte[]> WriteAsync(TimeZoneInfo? zone, Func<XlsxWorkbookWriter, Task> write)
    {
        await using var output = new AsyncOnlyStream();
        await using (var workbook = new XlsxWorkbookWriter(output, zone))
        {
            await write(workbook);
            await workbook.FinishAsync(default);
        }
        return output.ToArray();
    }

    /// <summary>Like Kestrel's response body: not seekable, and synchronous writes throw.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _inner = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public byte[] ToArray() => _inner.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are not allowed.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _inner.WriteAsync(buffer, cancellationToken);

        public override void Flush() => throw new InvalidOperationException("Synchronous flushes are not allowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
