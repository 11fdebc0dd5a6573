using Outreach.Console.Features.Account;
using Outreach.Console.Features.Shared;
using Outreach.Domain.Common;
using Outreach.Domain.Reports;
using Outreach.Infrastructure.Reports;

namespace Outreach.Console.Endpoints;

/// <summary>
/// Report downloads as plain streamed HTTP (not the circuit): the workbook or CSV is written to the response as
/// it is produced, so a million-row export holds no more memory than a small one. Viewers and above export the
/// report; raw tables need the role each one names (Manager for anything with prospects' personal data).
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/export.xlsx", async (
            HttpContext http, string? preset, string? from, string? to, string? raw, CurrentMember member, ReportRollup rollup, ReportExporter exporter, TimeProvider clock, CancellationToken ct) =>
        {
            var period = await PeriodAsync(preset, from, to, rollup, clock, ct);
            if (period.Error is not null)
            {
                return Results.BadRequest(new { error = period.Error });
            }
            var tables = new List<RawTable>();
            foreach (var slug in (raw ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (RawTables.Find(slug) is not { } table)
                {
                    return Results.BadRequest(new { error = $"There is no table '{slug}'." });
                }
                if (!member.Can(table.MinimumRole))
                {
                    return Forbidden(table);
                }
                tables.Add(table);
            }
            Start(http, ReportExporter.WorkbookContentType, ReportExporter.FileName(period.Value!, tables.Count == 0 ? "report" : "report-data", "xlsx"));
            await exporter.WriteWorkbookAsync(http.Response.Body, period.Value!, tables, member.Actor, ct);
            return Results.Empty;
        })
        .RequireAuthorization(Policies.Viewer);

        endpoints.MapGet("/reports/export/{table}.csv", async (
            HttpContext http, string table, string? preset, string? from, string? to, CurrentMember member, ReportRollup rollup, ReportExporter exporter, TimeProvider clock, CancellationToken ct) =>
        {
            var period = await PeriodAsync(preset, from, to, rollup, clock, ct);
            if (period.Error is not null)
            {
                return Results.BadRequest(new { error = period.Error });
            }
            if (RawTables.Find(table) is { } rawTable)
            {
                if (!member.Can(rawTable.MinimumRole))
                {
                    return Forbidden(rawTable);
                }
            }
            else if (!ReportTables.Slugs.Contains(table))
            {
                return Results.NotFound();
            }
            Start(http, "text/csv; charset=utf-8", ReportExporter.FileName(period.Value!, table, "csv"));
            await exporter.WriteCsvAsync(http.Response.Body, period.Value!, table.ToLowerInvariant(), member.Actor, ct);
            return Results.Empty;
        })
        .RequireAuthorization(Policies.Viewer);

        return endpoints;
    }

    private static IResult Forbidden(RawTable table) =>
        Results.Json(new { error = $"Exporting {table.Title.ToLowerInvariant()} needs the {table.MinimumRole} role or above." }, statusCode: StatusCodes.Status403Forbidden);

    private static void Start(HttpContext http, string contentType, string fileName)
    {
        http.Response.ContentType = contentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // Generated per request from live data: never cached by the browser or a proxy.
        http.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>The period as the reports page's address gives it (<see cref="ReportPeriod.FromAddress"/>), so a link means the same in both.</summary>
    private static async Task<(ReportPeriod? Value, string? Error)> PeriodAsync(string? preset, string? from, string? to, ReportRollup rollup, TimeProvider clock, CancellationToken ct)
    {
        var zone = await rollup.TeamTimeZoneAsync(ct);
        try
        {
            return (ReportPeriod.FromAddress(preset, from, to, zone, clock), null);
        }
        catch (DomainException ex)
        {
            return (null, ex.Message);
        }
    }
}
