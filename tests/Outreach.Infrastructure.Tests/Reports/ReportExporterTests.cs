using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Auditing;
using Outreach.Domain.Reports;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Reports;

namespace Outreach.Infrastructure.Tests.Reports;

public sealed class ReportExporterTests(ReportDataset data) : IClassFixture<ReportDataset>
{
    private static readonly AuditActor Manager = new(Guid.NewGuid(), "Morgan Manager", "127.0.0.1");

    [Fact]
    public async Task The_workbook_has_a_valid_sheet_per_table_and_its_summary_holds_the_rollups_numbers()
    {
        var (bytes, report) = await WorkbookAsync(RawTables.All);

        using var reader = new WorkbookReader(bytes);
        Assert.Empty(reader.ValidationErrors());
        Assert.Equal(
            ["Summary", "Trend", "By sending number", "By state", "By sector", "By revenue tier", "By agent", "By campaign", "By campaign step", "Messages", "Conversations", "Prospects", "Suppression list", "Audit log"],
            reader.SheetNames());

        // Raw sheets are written first (while the roll-up runs) but shown last; each filter range names its own sheet.
        foreach (var (sheet, range) in reader.FilterRanges())
        {
            Assert.StartsWith($"'{sheet}'!$A$1:", range);
            Assert.EndsWith("$" + reader.Rows(sheet).Count, range);
        }
        var summary = reader.Rows("Summary").Skip(1).ToDictionary(r => WorkbookReader.Text(r[0])!);
        Assert.Equal(new DateTime(2026, 11, 2), DateTime.FromOADate(WorkbookReader.Number(summary["First day"][1])!.Value));
        Assert.Equal(new DateTime(2026, 10, 26), DateTime.FromOADate(WorkbookReader.Number(summary["First day"][2])!.Value));
        foreach (var metric in ReportMetricCatalog.All)
        {
            var row = summary[metric.Label];
            Assert.Equal(Excel(metric.Number(report.Current)), SheetNumber(metric, row[1]));
            Assert.Equal(Excel(metric.Number(report.Previous)), SheetNumber(metric, row[2]));
        }
        Assert.Equal(12, WorkbookReader.Number(summary["Sent"][1]));
        Assert.Equal(4.0 - 1, WorkbookReader.Number(summary["Sent"][3])); // 12 against 3: +300 %
        Assert.Equal("0.0%", reader.NumberFormat(summary["Reply rate"][1]));
        Assert.Equal("\"$\"#,##0.00", reader.NumberFormat(summary["Total cost"][1]));
        Assert.Equal("[h]:mm:ss", reader.NumberFormat(summary["Median time to first human response"][1]));

        var agents = reader.Rows("By agent").Skip(1).ToDictionary(r => WorkbookReader.Text(r[0])!, r => WorkbookReader.Number(r[1]));
        Assert.Equal(new Dictionary<string, double?> { ["Automated (no agent)"] = 7, ["Alice Agent"] = 3, ["Bob Agent"] = 2 }, agents);

        // Only the campaign sheet has budget columns; a campaign without a cap leaves them empty.
        var campaignSheet = reader.Rows("By campaign");
        Assert.Equal(["Campaign", .. ReportMetricCatalog.BreakdownFor(ReportDimension.Campaign).Select(m => m.Label)], campaignSheet[0].Select(c => WorkbookReader.Text(c) ?? "").ToArray());
        var budgetColumn = 1 + ReportMetricCatalog.BreakdownFor(ReportDimension.Campaign).ToList().FindIndex(m => m.Key == "budget");
        var budgets = campaignSheet.Skip(1).ToDictionary(r => WorkbookReader.Text(r[0])!, r => r.Count > budgetColumn ? WorkbookReader.Number(r[budgetColumn]) : null);
        Assert.Equal(new Dictionary<string, double?> { ["Spring outreach"] = 5.0, ["Fall follow-up"] = null, ["No campaign (manual and automated)"] = null }, budgets);
        Assert.DoesNotContain("Budget", reader.Rows("By agent")[0].Select(WorkbookReader.Text));

        // A rate per message is left empty where the row's replies are not answers to its messages.
        var column = (string key) => 1 + ReportMetricCatalog.BreakdownFor(ReportDimension.Campaign).ToList().FindIndex(m => m.Key == key);
        var none = campaignSheet.Single(r => WorkbookReader.Text(r[0]) == "No campaign (manual and automated)");
        var spring = campaignSheet.Single(r => WorkbookReader.Text(r[0]) == "Spring outreach");
        Assert.Equal(2, WorkbookReader.Number(none[column("replies")]));
        Assert.Null(WorkbookReader.Number(none[column("reply_rate")]));
        Assert.Null(WorkbookReader.Number(none[column("opt_out_rate")]));
        Assert.Equal(1.5, WorkbookReader.Number(spring[column("reply_rate")]));
    }

    [Fact]
    public async Task Raw_sheets_hold_the_teams_rows_with_text_neutralised_and_numbers_kept()
    {
        var (bytes, _) = await WorkbookAsync([RawTables.Messages, RawTables.Prospects]);

        using var reader = new WorkbookReader(bytes);
        Assert.Empty(reader.ValidationErrors());
        await using var db = new OutreachDbContext(
            new DbContextOptionsBuilder<OutreachDbContext>().UseNpgsql(data.ConnectionString).Options, Tenancy.TenantScope.System);
        var start = ReportDataset.Week.Start;
        var end = ReportDataset.Week.End;
        var expectedMessages = await db.Set<Domain.Messaging.Message>()
            .CountAsync(m => m.TeamId == data.Team && m.CreatedAt >= start && m.CreatedAt < end);
        Assert.Equal(expectedMessages, reader.Rows("Messages").Count - 1);

        var prospects = reader.Rows("Prospects");
        Assert.Equal(4, prospects.Count - 1); // the other team's prospect is not there
        var evil = prospects.Single(r => WorkbookReader.Text(r[5]) == "+13102411004");
        Assert.Equal("'=HYPERLINK(\"http://evil\")", WorkbookReader.Text(evil[0]));
        Assert.Equal(50, WorkbookReader.Number(evil[16])); // the score stays a number
        Assert.Equal([65.0, 65.0, 50.0, 50.0], prospects.Skip(1).Select(r => WorkbookReader.Number(r[16])!.Value).OrderDescending());
    }

    [Fact]
    public async Task Csv_of_a_table_has_the_same_values_as_its_sheet_and_each_export_is_audited()
    {
        await using var output = new MemoryStream();
        await using (var scope = data.ScopeFor(data.Team))
        {
            await scope.ServiceProvider.GetRequiredService<ReportExporter>().WriteCsvAsync(output, ReportDataset.Week, "by-agent", Manager, default);
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).SelectMany(l => l).ToList();
        Assert.StartsWith("Agent,Sent,Delivered,Failed,Delivery rate", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Alice Agent,3,3,0,1,1,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Automated (no agent),7,5,2,", StringComparison.Ordinal));

        await using var db = new OutreachDbContext(
            new DbContextOptionsBuilder<OutreachDbContext>().UseNpgsql(data.ConnectionString).Options, Tenancy.TenantScope.System);
        var audit = await db.AuditEntries.Where(a => a.TeamId == data.Team && a.Action == AuditActions.ReportExported && a.Summary.Contains("by-agent"))
            .SingleAsync();
        Assert.Equal("Morgan Manager", audit.ActorName);
        Assert.Contains("\"rows\": {\"by-agent\": 3}", audit.Details);
    }

    private async Task<(byte[] Bytes, ReportRollupResult Report)> WorkbookAsync(IReadOnlyCollection<RawTable> raw)
    {
        await using var output = new MemoryStream();
        await using var scope = data.ScopeFor(data.Team);
        var report = await scope.ServiceProvider.GetRequiredService<ReportExporter>().WriteWorkbookAsync(output, ReportDataset.Week, raw, Manager, default);
        return (output.ToArray(), report);
    }

    /// <summary>A number as a workbook holds it: Excel keeps 15 significant digits, and so does ClosedXML when it writes one.</summary>
    private static double? Excel(double? value) =>
        value is { } v ? double.Parse(v.ToString("G15", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>A summary cell as the catalog's plain number: durations are stored as days, counted as seconds.</summary>
    private static double? SheetNumber(MetricDefinition metric, DocumentFormat.OpenXml.Spreadsheet.Cell cell) =>
        WorkbookReader.Number(cell) is { } n
            ? metric.Format == MetricFormat.Duration ? Math.Round(n * 86400, 3) : n
            : null;
}
