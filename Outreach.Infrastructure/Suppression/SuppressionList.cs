using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Suppression;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Suppression;

/// <summary>
/// The team's do-not-contact list. <see cref="IsSuppressedAsync"/> is the one check every send path asks;
/// the prospects' do-not-contact flag only mirrors the list for the grid and is kept in step here.
/// </summary>
public sealed class SuppressionList(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantScope scope,
    TenantDatabase tenantDatabase,
    IAuditLog audit,
    ILiveEventPublisher events,
    TimeProvider clock)
{
    public const int PageSizeLimit = 200;

    [ReadOnly]
    public async Task<bool> IsSuppressedAsync(SuppressionChannel channel, string value, CancellationToken cancellationToken)
    {
        var normalized = SuppressionEntry.Normalize(channel, value);
        if (normalized is null)
        {
            return false;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<SuppressionEntry>().AnyAsync(s => s.Channel == channel && s.Value == normalized, cancellationToken);
    }

    [ReadOnly]
    public async Task<SuppressionPage> GetPageAsync(SuppressionSearch search, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<SuppressionEntry>().AsNoTracking();
        if (search.Channel is { } channel)
        {
            query = query.Where(s => s.Channel == channel);
        }
        if (search.Reason is { } reason)
        {
            query = query.Where(s => s.Reason == reason);
        }
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            var pattern = "%" + search.Text.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(s => EF.Functions.Like(s.Value, pattern, "\\") || EF.Functions.ILike(s.Source, pattern, "\\"));
        }
        var total = await query.CountAsync(cancellationToken);
        var ordered = (search.OrderBy, search.Descending) switch
        {
            (SuppressionOrder.Value, false) => query.OrderBy(s => s.Value).ThenBy(s => s.Id),
            (SuppressionOrder.Value, true) => query.OrderByDescending(s => s.Value).ThenByDescending(s => s.Id),
            (SuppressionOrder.Source, false) => query.OrderBy(s => s.Source).ThenByDescending(s => s.Id),
            (SuppressionOrder.Source, true) => query.OrderByDescending(s => s.Source).ThenByDescending(s => s.Id),
            (_, false) => query.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id),
            _ => query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id),
        };
        var rows = await ordered.Skip(Math.Max(0, search.Skip)).Take(Math.Clamp(search.Take, 1, PageSizeLimit)).ToListAsync(cancellationToken);
        return new SuppressionPage(rows, total);
    }

    /// <summary>Adds one entry (a repeat is harmless) and flags the matching prospects at once.</summary>
    [Requires(Permission.ManageSuppression)]
    public async Task<bool> AddAsync(
        SuppressionChannel channel, string value, SuppressionReason reason, string source, string? evidence, AuditActor actor,
        CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageSuppression);
        var entry = SuppressionEntry.Create(scope.RequireTeamId(), channel, value, reason, source, evidence, actor.UserId, clock);
        var added = await InsertAsync([entry], cancellationToken) > 0;
        if (added)
        {
            await audit.RecordAsync(entry.TeamId, actor, AuditActions.SuppressionAdded,
                $"Added {entry.Value} to the suppression list ({reason.Label()})", new { channel = channel.ToString(), entry.Value, reason = reason.ToString(), source }, cancellationToken);
            await PublishAsync(cancellationToken);
        }
        return added;
    }

    /// <summary>Removes an entry with the reason recorded, and clears the flag of prospects nothing else suppresses.</summary>
    [Requires(Permission.RemoveSuppression)]
    public async Task RemoveAsync(long id, string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.RemoveSuppression);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Say why this entry is removed: it is kept in the audit log.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DemandCurrentAsync(scope, Permission.RemoveSuppression, cancellationToken);
        var entry = await db.Set<SuppressionEntry>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new DomainException("This entry does not exist.");
        db.Remove(entry);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE prospects p SET do_not_contact = false, updated_at = now()
            WHERE p.do_not_contact AND p.deleted_at IS NULL
              AND ((p.phone = {entry.Value} AND {entry.Channel.ToString()} = 'Sms') OR (p.email = {entry.Value} AND {entry.Channel.ToString()} = 'Email'))
              AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.team_id = p.team_id
                    AND ((s.channel = 'Sms' AND s.value = p.phone) OR (s.channel = 'Email' AND s.value = p.email)))
            """, cancellationToken);
        var recorded = audit.Add(db, entry.TeamId, actor, AuditActions.SuppressionRemoved,
            $"Removed {entry.Value} from the suppression list: {reason.Trim()}",
            new { channel = entry.Channel.ToString(), entry.Value, originalReason = entry.Reason.ToString(), reason = reason.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.AnnounceAsync(recorded, cancellationToken);
        await PublishAsync(cancellationToken);
    }

    /// <summary>Imports a list (one value per line, or the first cell of each CSV row); values that are neither a phone number nor an e-mail address are counted and skipped.</summary>
    [Requires(Permission.ManageSuppression)]
    public async Task<SuppressionImportResult> ImportAsync(Stream file, string fileName, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageSuppression);
        var teamId = scope.RequireTeamId();
        var entries = new List<SuppressionEntry>();
        var invalid = 0;
        using var reader = new StreamReader(file);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var cell = line.Split([',', ';', '\t'], 2)[0].Trim().Trim('"');
            if (cell.Length == 0 || cell.Equals("phone", StringComparison.OrdinalIgnoreCase) || cell.Equals("email", StringComparison.OrdinalIgnoreCase) || cell.Equals("value", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var channel = cell.Contains('@') ? SuppressionChannel.Email : SuppressionChannel.Sms;
            if (SuppressionEntry.Normalize(channel, cell) is null)
            {
                invalid++;
                continue;
            }
            entries.Add(SuppressionEntry.Create(teamId, channel, cell, SuppressionReason.ImportedList, $"import {fileName}", null, actor.UserId, clock));
        }
        var added = await InsertAsync(entries, cancellationToken);
        await audit.RecordAsync(teamId, actor, AuditActions.SuppressionImported,
            $"Imported {added} suppression entries from {fileName}", new { fileName, added, repeated = entries.Count - added, invalid }, cancellationToken);
        await PublishAsync(cancellationToken);
        return new SuppressionImportResult(added, entries.Count - added, invalid);
    }

    /// <summary>The whole list as CSV, neutralised for spreadsheets.</summary>
    [Requires(Permission.ExportSuppression)]
    public async Task ExportAsync(Stream output, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ExportSuppression);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(true), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync("channel,value,reason,source,evidence,added_at");
        var count = 0;
        await foreach (var s in db.Set<SuppressionEntry>().AsNoTracking().OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            await writer.WriteLineAsync(string.Join(',',
                s.Channel.ToString(), Import.CsvText.Quote(SpreadsheetSafe.Cell(s.Value)), s.Reason.ToString(),
                Import.CsvText.Quote(SpreadsheetSafe.Cell(s.Source)), Import.CsvText.Quote(SpreadsheetSafe.Cell(s.Evidence)),
                s.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
        }
        await writer.FlushAsync(cancellationToken);
        await audit.RecordAsync(scope.TeamId, actor, AuditActions.SuppressionExported, $"Exported the suppression list ({count} entries)", new { count }, cancellationToken);
    }

    /// <summary>Inserts in one statement; repeats of existing entries are skipped. Returns how many were new.</summary>
    private async Task<int> InsertAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return 0;
        }
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            WITH added AS (
                INSERT INTO suppressions (team_id, channel, value, reason, source, evidence, created_by, created_at)
                SELECT app_current_team(), e.channel, e.value, e.reason, e.source, e.evidence, e.created_by, e.created_at
                FROM unnest(@channel, @value, @reason, @source, @evidence, @created_by, @created_at)
                    AS e(channel, value, reason, source, evidence, created_by, created_at)
                ON CONFLICT (team_id, channel, value) DO NOTHING
                RETURNING channel, value
            ),
            flagged AS (
                UPDATE prospects p SET do_not_contact = true, updated_at = now()
                FROM added a
                WHERE p.team_id = app_current_team() AND NOT p.do_not_contact
                  AND ((a.channel = 'Sms' AND p.phone = a.value) OR (a.channel = 'Email' AND p.email = a.value))
            )
            SELECT count(*) FROM added
            """, connection);
        command.Parameters.AddWithValue("channel", NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(e => e.Channel.ToString()).ToArray());
        command.Parameters.AddWithValue("value", NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(e => e.Value).ToArray());
        command.Parameters.AddWithValue("reason", NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(e => e.Reason.ToString()).ToArray());
        command.Parameters.AddWithValue("source", NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(e => e.Source).ToArray());
        command.Parameters.AddWithValue("evidence", NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(e => e.Evidence).ToArray());
        command.Parameters.AddWithValue("created_by", NpgsqlDbType.Array | NpgsqlDbType.Uuid, entries.Select(e => e.CreatedBy).ToArray());
        command.Parameters.AddWithValue("created_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, entries.Select(e => e.CreatedAt).ToArray());
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    private Task PublishAsync(CancellationToken cancellationToken) =>
        events.PublishAsync(new LiveEvent(scope.RequireTeamId(), LiveEventKinds.SuppressionChanged, new Dictionary<string, string?>(), clock.GetUtcNow()), cancellationToken);
}

public sealed record SuppressionPage(IReadOnlyList<SuppressionEntry> Rows, int Total);

public enum SuppressionOrder
{
    Added,
    Value,
    Source,
}

/// <summary>One page of the list: filters, an order from a fixed list, and the window, all applied in the database.</summary>
public sealed record SuppressionSearch
{
    /// <summary>Part of the number or address, or of where the entry came from.</summary>
    public string? Text { get; init; }

    public SuppressionChannel? Channel { get; init; }
    public SuppressionReason? Reason { get; init; }
    public SuppressionOrder OrderBy { get; init; } = SuppressionOrder.Added;
    public bool Descending { get; init; } = true;
    public int Skip { get; init; }
    public int Take { get; init; } = 25;
}

public sealed record SuppressionImportResult(int Added, int AlreadyListed, int Invalid);
