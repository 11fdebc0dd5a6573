using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Jobs;

namespace Outreach.Console.Features.Settings;

public sealed record AuditRow(long Id, DateTimeOffset OccurredAt, string? Actor, string Action, string Summary, string Details, string? IpAddress);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>Reads for the settings pages. Audit reads are team-scoped; heartbeats are installation-wide.</summary>
public sealed class SettingsQueries(IDbContextFactory<OutreachDbContext> dbFactory, ISystemDbContextFactory systemDbFactory)
{
    public async Task<AuditPage> GetAuditPageAsync(string? search, int skip, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IQueryable<AuditEntry> query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(a => EF.Functions.ILike(a.Summary, pattern) || EF.Functions.ILike(a.Action, pattern) ||
                                     (a.ActorName != null && EF.Functions.ILike(a.ActorName, pattern)));
        }
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(skip).Take(Math.Clamp(take, 1, 200))
            .Select(a => new AuditRow(a.Id, a.OccurredAt, a.ActorName, a.Action, a.Summary, a.Details, a.IpAddress))
            .ToListAsync(ct);
        return new AuditPage(rows, total);
    }

    public async Task<IReadOnlyList<SchedulerHeartbeat>> GetRecentHeartbeatsAsync(int take, CancellationToken ct)
    {
        await using var db = systemDbFactory.CreateDbContext();
        return await db.SchedulerHeartbeats.AsNoTracking().OrderByDescending(h => h.ScheduledFor).Take(take).ToListAsync(ct);
    }
}
