using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Import;

/// <summary>
/// The import use cases, for the console's pages and its upload endpoint alike: upload and preview, start
/// with a mapping and a duplicate policy, cancel, and the report of rejected rows. Scoped to the caller's team.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantScope scope,
    ImportFiles files,
    ImportRunner runner,
    IAuditLog audit,
    NodeIdentity node,
    TimeProvider clock)
{
    public const int PreviewRows = 10;

    [Requires(Permission.ManageImports)]
    public async Task<ImportPreview> UploadAsync(string fileName, Stream upload, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageImports);
        var teamId = scope.RequireTeamId();
        var importId = Guid.CreateVersion7(clock.GetUtcNow());
        var size = await files.SaveAsync(importId, upload, cancellationToken);
        try
        {
            await using var stream = files.OpenRead(importId);
            var format = await CsvFormat.DetectAsync(stream, cancellationToken);
            var (headers, rows) = await ReadHeadAsync(stream, format, cancellationToken);
            if (headers.Count == 0)
            {
                throw new ImportRejectedException("The file has no header row.");
            }
            // Refused here rather than imported as "completed, 0 rows": the operator most likely exported the
            // wrong sheet or an empty filter, and learns it on the upload page instead of after a mapping.
            if (rows.Count == 0)
            {
                throw new ImportRejectedException("The file has a header row but no data rows; there is nothing to import.");
            }
            var mapping = ImportMapping.Propose(headers);
            var import = ProspectImport.Upload(importId, teamId, fileName, size, format.EncodingName, format.Delimiter,
                JsonSerializer.Serialize(headers), mapping.ToJson(), actor.UserId ?? Guid.Empty, actor.Name ?? "unknown", node.Name, clock);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.Add(import);
            await db.SaveChangesAsync(cancellationToken);
            return new ImportPreview(importId, import.FileName, size, format, headers, rows, mapping, Normalize(rows, mapping));
        }
        catch
        {
            files.Delete(importId);
            throw;
        }
    }

    /// <summary>The preview again, for the mapping page after a reload; null when the upload is gone or already used.</summary>
    [ReadOnly]
    public async Task<ImportPreview?> PreviewAsync(Guid importId, ImportMapping? mapping, CancellationToken cancellationToken)
    {
        var import = await FindAsync(importId, cancellationToken);
        if (import is null || import.StartedAt is not null || !files.Exists(importId))
        {
            return null;
        }
        var format = new CsvFormat(import.Encoding, import.Delimiter);
        await using var stream = files.OpenRead(importId);
        var (headers, rows) = await ReadHeadAsync(stream, format, cancellationToken);
        mapping ??= ImportMapping.FromJson(import.Mapping);
        return new ImportPreview(importId, import.FileName, import.FileSize, format, headers, rows, mapping, Normalize(rows, mapping));
    }

    [Requires(Permission.ManageImports)]
    public Task StartAsync(Guid importId, ImportMapping mapping, DuplicatePolicy policy, AuditActor actor, CancellationToken cancellationToken) =>
        StartAsync(importId, mapping, policy, null, actor, cancellationToken);

    /// <summary>
    /// Starts the import with the operator's mapping and duplicate policy; <paramref name="tag"/> (optional) goes
    /// on every prospect the import creates or updates, in the import's own transaction.
    /// </summary>
    [Requires(Permission.ManageImports)]
    public async Task StartAsync(Guid importId, ImportMapping mapping, DuplicatePolicy policy, string? tag, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageImports);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var import = await db.Set<ProspectImport>().SingleOrDefaultAsync(i => i.Id == importId, cancellationToken)
            ?? throw new DomainException("This import does not exist.");
        if (import.Node != node.Name || !files.Exists(importId))
        {
            throw new DomainException("The uploaded file is no longer available on this server; upload it again.");
        }
        var headers = JsonSerializer.Deserialize<string[]>(import.Headers) ?? [];
        var problems = mapping.Validate(headers);
        if (problems.Count > 0)
        {
            throw new DomainException(string.Join(" ", problems));
        }
        import.Start(mapping.ToJson(), policy, tag, clock);
        await db.SaveChangesAsync(cancellationToken);
        var policyText = policy switch
        {
            DuplicatePolicy.FillBlanks => "fill blanks of existing prospects",
            DuplicatePolicy.Overwrite => "overwrite existing prospects",
            _ => "skip existing prospects",
        };
        await audit.RecordAsync(import.TeamId, actor, AuditActions.ImportStarted,
            $"Started importing {import.FileName} ({policyText}){(import.Tag is { } t ? $", tagging \"{t}\"" : "")}",
            new { importId, import.FileName, import.FileSize, policy = policy.ToString(), tag = import.Tag }, cancellationToken);
        await runner.EnqueueAsync(importId, cancellationToken);
    }

    [Requires(Permission.ManageImports)]
    public async Task CancelAsync(Guid importId, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageImports);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var import = await db.Set<ProspectImport>().SingleOrDefaultAsync(i => i.Id == importId, cancellationToken)
            ?? throw new DomainException("This import does not exist.");
        import.RequestCancel();
        if (import.StartedAt is null)
        {
            // Never started: there is nothing to roll back, only the upload to forget.
            await db.Set<ProspectImport>().Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Cancelled)
                .SetProperty(i => i.CancelRequested, true)
                .SetProperty(i => i.FinishedAt, clock.GetUtcNow()), cancellationToken);
            files.Delete(importId);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
            runner.CancelLocal(importId);
        }
        await audit.RecordAsync(import.TeamId, actor, AuditActions.ImportCancelled, $"Cancelled the import of {import.FileName}", new { importId }, cancellationToken);
    }

    [ReadOnly]
    public async Task<IReadOnlyList<ProspectImport>> RecentAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ProspectImport>().AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(take).ToListAsync(cancellationToken);
    }

    [ReadOnly]
    public async Task<ProspectImport?> FindAsync(Guid importId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ProspectImport>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId, cancellationToken);
    }

    /// <summary>One page of the rows an import did not take, in file order, with how many there are in all.</summary>
    [ReadOnly]
    public async Task<RejectionPage> RejectionsAsync(Guid importId, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rejections = db.Set<ImportRejection>().AsNoTracking().Where(r => r.ImportId == importId);
        var rows = await rejections
            .OrderBy(r => r.RowNumber).ThenBy(r => r.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxRejectionPageSize))
            .Select(r => new RejectionRow(r.RowNumber, r.Reason, r.Raw))
            .ToListAsync(cancellationToken);
        return new RejectionPage(rows, await rejections.CountAsync(cancellationToken));
    }

    public const int MaxRejectionPageSize = 100;

    /// <summary>
    /// The rejected and duplicate rows as CSV, laid out like the upload: its header and columns in their
    /// places (plus unnamed ones for rows that had more cells), then why the row was rejected and its line in
    /// the file, so the rows can be fixed and imported again. Every cell is neutralised against formula
    /// injection, since the point of the report is to be opened in a spreadsheet.
    /// </summary>
    [ReadOnly]
    public async Task WriteRejectionsAsync(Guid importId, Stream output, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var headersJson = await db.Set<ProspectImport>().AsNoTracking().Where(i => i.Id == importId).Select(i => i.Headers).SingleOrDefaultAsync(cancellationToken);
        var headers = headersJson is null ? [] : JsonSerializer.Deserialize<string[]>(headersJson) ?? [];
        var rejections = db.Set<ImportRejection>().AsNoTracking().Where(r => r.ImportId == importId);
        var widest = await rejections.MaxAsync(r => (int?)r.Cells!.Length, cancellationToken) ?? 0;
        var width = Math.Max(Math.Max(headers.Length, widest), 1);

        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        var line = new StringBuilder(1024);
        await writer.WriteLineAsync(Line(line, width, headers, "rejected because", "line"));
        var rows = rejections
            .OrderBy(r => r.RowNumber)
            .Select(r => new { r.RowNumber, r.Reason, r.Raw, r.Cells })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            // Rows rejected before cells were kept have only their joined text: it goes in the first column.
            var cells = row.Cells ?? [row.Raw];
            await writer.WriteLineAsync(Line(line, width, cells, row.Reason, row.RowNumber.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static string Line(StringBuilder line, int width, IReadOnlyList<string> cells, string reason, string number)
    {
        line.Clear();
        for (var column = 0; column < width; column++)
        {
            line.Append(column < cells.Count ? CsvText.Quote(SpreadsheetSafe.Cell(cells[column])) : "").Append(',');
        }
        return line.Append(CsvText.Quote(SpreadsheetSafe.Cell(reason))).Append(',').Append(number).ToString();
    }

    private static IReadOnlyList<NormalizedPreviewRow> Normalize(IReadOnlyList<string[]> rows, ImportMapping mapping)
    {
        var fields = Enum.GetValues<ProspectField>().Length;
        var result = new List<NormalizedPreviewRow>(rows.Count);
        for (var index = 0; index < rows.Count; index++)
        {
            var values = new string?[fields];
            for (var column = 0; column < mapping.Columns.Count; column++)
            {
                if (mapping.Columns[column] is { } field && column < rows[index].Length)
                {
                    values[(int)field] = rows[index][column];
                }
            }
            var normalized = ProspectRows.Normalize(values);
            result.Add(new NormalizedPreviewRow(index + 2, normalized.Prospect, normalized.Rejection));
        }
        return result;
    }

    private static async Task<(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows)> ReadHeadAsync(
        Stream stream, CsvFormat format, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, format.CreateEncoding(), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var parser = new CsvRowReader(reader, format.Delimiter);
        var rows = new List<string[]>();
        string[]? headers = null;
        while (rows.Count < PreviewRows && await parser.ReadAsync(cancellationToken) is { } record)
        {
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (headers is null)
            {
                headers = record.Select(h => h.Trim()).ToArray();
            }
            else
            {
                rows.Add(record);
            }
        }
        return (headers ?? [], rows);
    }
}

/// <summary>A row an import did not take: its line in the file, why, and the row as it was.</summary>
public sealed record RejectionRow(int RowNumber, string Reason, string Raw);

public sealed record RejectionPage(IReadOnlyList<RejectionRow> Rows, int Total);
