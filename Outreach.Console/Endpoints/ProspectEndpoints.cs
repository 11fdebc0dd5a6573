using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Outreach.Console.Features.Account;
using Outreach.Console.Features.Shared;
using Outreach.Domain.Common;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure;
using Outreach.Infrastructure.Import;
using Outreach.Infrastructure.Suppression;

namespace Outreach.Console.Endpoints;

/// <summary>
/// The file transfers of the prospects feature: plain streamed HTTP rather than the circuit, so a 200 MB
/// upload goes straight to disk and downloads stream from the database without being held in memory.
/// </summary>
public static class ProspectEndpoints
{
    public static IEndpointRouteBuilder MapProspectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The body is the CSV file itself (not a multipart form); the antiforgery token travels in a header.
        endpoints.MapPost("/prospects/import/upload", async (
            HttpContext http,
            [FromQuery] string? name,
            [FromQuery] bool? start,
            [FromQuery] DuplicatePolicy? policy,
            IAntiforgery antiforgery,
            IOptions<OutreachOptions> options,
            ImportService imports,
            CurrentMember member,
            CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest(new { error = "The form expired; reload the page and try again." });
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = options.Value.Import.MaxFileBytes + 1;
            }
            try
            {
                var preview = await imports.UploadAsync(name ?? "upload.csv", http.Request.Body, member.Actor, ct);
                if (start == true)
                {
                    await imports.StartAsync(preview.ImportId, preview.Mapping, policy ?? DuplicatePolicy.Skip, member.Actor, ct);
                }
                return Results.Ok(new { importId = preview.ImportId, url = $"/prospects/import/{preview.ImportId}" });
            }
            catch (Exception ex) when (ex is ImportRejectedException or DomainException)
            {
                return Results.BadRequest(new { error = ex.Message });
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Results.BadRequest(new { error = $"The file is larger than the limit of {options.Value.Import.MaxFileMegabytes} MB." });
            }
        })
        .RequireAuthorization(Policies.Manager)
        .DisableAntiforgery();

        endpoints.MapGet("/prospects/import/{id:guid}/rejections.csv", async (Guid id, HttpContext http, ImportService imports, CancellationToken ct) =>
        {
            var import = await imports.FindAsync(id, ct);
            if (import is null)
            {
                return Results.NotFound();
            }
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{Path.GetFileNameWithoutExtension(import.FileName)}-rejected-rows.csv\"";
            await imports.WriteRejectionsAsync(id, http.Response.Body, ct);
            return Results.Empty;
        })
        .RequireAuthorization(Policies.Manager);

        endpoints.MapGet("/api/imports/{id:guid}", async (Guid id, ImportService imports, CancellationToken ct) =>
            await imports.FindAsync(id, ct) is { } i
                ? Results.Ok(new
                {
                    i.Id, i.FileName, status = i.Status.ToString(), i.ProgressPercent, i.TotalRows, i.ProcessedRows, i.Inserted, i.Updated,
                    i.Duplicates, i.Invalid, i.Suppressed, i.Error, i.StartedAt, i.FinishedAt,
                    durationMs = i.Duration?.TotalMilliseconds,
                })
                : Results.NotFound())
        .RequireAuthorization(Policies.Viewer);

        endpoints.MapGet("/settings/suppression/export.csv", async (HttpContext http, SuppressionList suppression, CurrentMember member, CancellationToken ct) =>
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"suppression-list.csv\"";
            await suppression.ExportAsync(http.Response.Body, member.Actor, ct);
            return Results.Empty;
        })
        .RequireAuthorization(Policies.Manager);

        return endpoints;
    }
}
