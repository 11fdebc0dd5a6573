using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Auditing;
using Outreach.Domain.Reports;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Reports.Xlsx;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Reports;

/// <summary>
/// Writes a team's report as a workbook (Summary, Trend, one sheet per breakdown, raw tables on request) or one
/// table as CSV, straight to the output, and records each export in the audit log. Raw tables demand their own
/// permission (<see cref="RawTable.Permission"/>) besides the export's.
/// </summary>
public sealed class ReportExporter(
    ReportRollup rollup,
    TenantDatabase tenantDatabase,
    TenantScope scope,
    IAuditLog audit,
    ILogger<ReportExporter> logger)
{
    private const int RawCommandTimeoutSeconds = 600;

    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(ReportPeriod period, string what, string extension) =>
        $"outreach-{what}-{period.FirstDay:yyyy-MM-dd}-to-{period.LastDay:yyyy-MM-dd}.{extension}";

    /// <summary>The whole workbook; returns the roll-up it was made from.</summary>
    [Requires(Permission.ExportReports)]
    public async Task<ReportRollupResult> WriteWorkbookAsync(
        Stream output, ReportPeriod period, IReadOnlyCollection<RawTable> rawTables, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ExportReports);
        foreach (var table in rawTables)
        {
            scope.Demand(table.Permission);
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(period.TimeZone);
        var rows = new Dictionary<string, int>();
        // The roll-up runs in the database on its own connection while the raw sheets stream on another; the report's
        // sheets, small and formatted in memory, are added when it is done and shown before the raw ones.
        var rollupTask = rollup.RunAsync(period, cancellationToken);
        ReportRollupResult report;
        try
        {
            await using var workbook = new XlsxWorkbookWriter(output, zone);
            foreach (var table in RawTables.All.Where(rawTables.Contains))
            {
                workbook.AddStreamedSheet(table.Title, table.Columns,
                    async (sheet, ct) => rows[table.Slug] = await CopyAsync(table, period, sheet, ct));
            }
            await workbook.WriteStreamedSheetsAsync(cancellationToken);
            report = await rollupTask;
            foreach (var slug in ReportTables.Slugs)
            {
                workbook.AddSheet(ReportTables.Title(slug), ReportTables.Columns(slug), ReportTables.Rows(slug, report));
            }
            await workbook.FinishAsync(cancellationToken);
        }
        catch
        {
            // Never leave the roll-up running unobserved when the raw data or the output failed.
            await Task.WhenAny(rollupTask);
            throw;
        }
        await AuditAsync(actor, period, "workbook", rawTables.Select(t => t.Slug).ToArray(), rows, cancellationToken);
        return report;
    }

    /// <summary>One table as CSV: a report table (summary, trend, a breakdown) or a raw table.</summary>
    [Requires(Permission.ExportReports)]
    public async Task WriteCsvAsync(Stream output, ReportPeriod period, string slug, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ExportReports);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(period.TimeZone);
        var rows = new Dictionary<string, int>();
        if (RawTables.Find(slug) is { } table)
        {
            scope.Demand(table.Permission);
            await using var csv = new CsvTableWriter(output, table.Columns, zone);
            await csv.WriteHeaderAsync(cancellationToken);
            rows[table.Slug] = await CopyAsync(table, period, csv, cancellationToken);
        }
        else if (ReportTables.Slugs.Contains(slug))
        {
            var report = await rollup.RunAsync(period, cancellationToken);
            await using var csv = new CsvTableWriter(output, ReportTables.Columns(slug), zone);
            await csv.WriteHeaderAsync(cancellationToken);
            foreach (var row in ReportTables.Rows(slug, report))
            {
                await csv.WriteRowAsync(row, cancellationToken);
            }
            rows[slug] = csv.Rows;
        }
        else
        {
            throw new ArgumentException($"There is no report table '{slug}'.", nameof(slug));
        }
        await AuditAsync(actor, period, "csv", [slug], rows, cancellationToken);
    }

    private async Task<int> CopyAsync(RawTable table, ReportPeriod period, ITableRowWriter output, CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand(table.Sql, connection) { CommandTimeout = RawCommandTimeoutSeconds };
        command.Parameters.AddWithValue("start", NpgsqlDbType.TimestampTz, period.Start.UtcDateTime);
        command.Parameters.AddWithValue("end", NpgsqlDbType.TimestampTz, period.End.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await output.WriteRowAsync(table.Read(reader), cancellationToken);
            count++;
        }
        return count;
    }

    private async Task AuditAsync(AuditActor actor, ReportPeriod period, string format, string[] tables, Dictionary<string, int> rows, CancellationToken cancellationToken)
    {
        var teamId = scope.RequireTeamId();
        var what = tables.Length == 0 ? "the report" : "the report with " + string.Join(", ", tables);
        logger.LogInformation("Team {TeamId} exported {Format} for {Period} ({Tables})", teamId, format, period.ToString(), string.Join(",", tables));
        await audit.RecordAsync(teamId, actor, AuditActions.ReportExported,
            format == "csv" ? $"Exported {tables[0]} as CSV for {period}" : $"Exported {what} as a workbook for {period}",
            new { format, firstDay = period.FirstDay, lastDay = period.LastDay, tables, rows }, cancellationToken);
    }
}
