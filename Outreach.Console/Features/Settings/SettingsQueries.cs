using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Jobs;

namespace Outreach.Console.Features.Settings;

/// <summary>Reads for the settings pages. Audit reads are team-scoped; heartbeats are installation-wide.</summary>
public sealed class SettingsQueries(IDbContextFactory<OutreachDbContext> dbFactory, ISystemDbContextFactory systemDbFactory)
{
    [ReadOnly]
    public async Task<AuditPage> GetAuditPageAsync(AuditSearch search, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await AuditLogQuery.PageAsync(db, search, ct);
    }

    /// <summary>The zone the team reads every time in (<see cref="Shared.TeamTime"/>).</summary>
    [ReadOnly]
    public async Task<TimeZoneInfo> GetTeamZoneAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = await db.Teams.AsNoTracking().Select(t => t.TimeZone).SingleOrDefaultAsync(ct);
        return zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
    }

    [ReadOnly]
    public async Task<IReadOnlyList<SchedulerHeartbeat>> GetRecentHeartbeatsAsync(int take, CancellationToken ct)
    {
        await using var db = systemDbFactory.CreateDbContext();
        return await db.SchedulerHeartbeats.AsNoTracking().OrderByDescending(h => h.ScheduledFor).Take(take).ToListAsync(ct);
    }
}
