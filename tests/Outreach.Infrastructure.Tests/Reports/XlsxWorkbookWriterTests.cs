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

    [Fact]
    public async Task A_workbook_passes_the_validator_and_reads_back_with_real_numbers_dates_and_formats()
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var bytes = await WriteAsync(chicago, async workbook =>
        {
            var sheet = await workbook.AddSheetAsync("Data", Columns, default);
            await sheet.WriteRowAsync(["Pat", 42L, 0.0079m, 0.25, new DateOnly(2026, 11, 2), new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(90), true], default);
            await sheet.WriteRowAsync([null, null, null, null, null, null, null, null], default);
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
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal("A1:H3", worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.All(worksheet.Descendants<Column>(), c => Assert.InRange(c.Width!.Value, 8, 60));
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+SUM(A1:A9)")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    [InlineData("\n=1")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")")]
    public async Task Text_that_a_spreadsheet_would_run_is_quoted_in_cells_and_headers(string text)
    {
        var bytes = await WriteAsync(null, async workbook =>
        {
            var sheet = await workbook.AddSheetAsync("Data", [new XlsxColumn(text, XlsxKind.Text), new XlsxColumn("Number", XlsxKind.Number)], default);
            await sheet.WriteRowAsync([text, -12.5], default);
        });

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
    [InlineData("-12.5")]
    [InlineData("+15125550123")]
    [InlineData("Pat @ Acme")]
    [InlineData("3 + 4")]
    public async Task Plain_numbers_and_harmless_text_are_kept_as_they_are(string text)
    {
        var bytes = await WriteAsync(null, async workbook =>
        {
            var sheet = await workbook.AddSheetAsync("Data", [new XlsxColumn("Value", XlsxKind.Text)], default);
            await sheet.WriteRowAsync([text], default);
        });

        using var reader = new WorkbookReader(bytes);
        Assert.Equal(text, WorkbookReader.Text(reader.Rows("Data")[1][0]));
    }

    [Fact]
    public async Task Sheet_names_are_made_valid_and_unique_and_control_characters_are_dropped()
    {
        var bytes = await WriteAsync(null, async workbook =>
        {
            var first = await workbook.AddSheetAsync("By state/region: [all]", [new XlsxColumn("A", XlsxKind.Text)], default);
            await first.WriteRowAsync(["bell\u0007 and nul\u0000 gone"], default);
            await workbook.AddSheetAsync("By state/region: [all]", [new XlsxColumn("A", XlsxKind.Text)], default);
            await workbook.AddSheetAsync("A name that is much longer than thirty-one characters", [new XlsxColumn("A", XlsxKind.Text)], default);
        });

        using var reader = new WorkbookReader(bytes);
        Assert.Empty(reader.ValidationErrors());
        Assert.Equal(["By state-region- -all-", "By state-region- -all- (2)", "A name that is much longer than"], reader.SheetNames());
        Assert.Equal("bell and nul gone", WorkbookReader.Text(reader.Rows("By state-region- -all-")[1][0]));
    }

    [Fact]
    public async Task A_large_sheet_streams_to_an_output_that_refuses_synchronous_writes()
    {
        await using var output = new AsyncOnlyStream();
        await using (var workbook = new XlsxWorkbookWriter(output))
        {
            var sheet = await workbook.AddSheetAsync("Rows", [new XlsxColumn("N", XlsxKind.Integer), new XlsxColumn("Text", XlsxKind.Text)], default);
            for (var i = 0; i < 30_000; i++)
            {
                await sheet.WriteRowAsync([i, Guid.NewGuid().ToString()], default);
            }
            // Bytes leave while rows are still being written: the workbook is never held whole.
            Assert.True(workbook.BytesWritten > 0);
            await workbook.FinishAsync(default);
        }

        using var reader = new WorkbookReader(output.ToArray());
        Assert.Empty(reader.ValidationErrors());
        var rows = reader.Rows("Rows");
        Assert.Equal(30_001, rows.Count);
        Assert.Equal(29_999, WorkbookReader.Number(rows[^1][0]));
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
