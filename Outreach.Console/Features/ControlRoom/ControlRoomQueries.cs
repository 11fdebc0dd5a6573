using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Jobs;

namespace Outreach.Console.Features.ControlRoom;

public sealed record ControlRoomSummary(int ActiveMembers, int EventsToday, int NodesAlive, int RunningCampaigns);

public sealed record ActivityItem(long Id, string Action, string Summary, string? Actor, DateTimeOffset OccurredAt);

/// <summary>Reads for the control room, scoped to the circuit's team.</summary>
public sealed class ControlRoomQueries(IDbContextFactory<OutreachDbContext> dbFactory, ClusterNodes clusterNodes, TimeProvider clock)
{
    [ReadOnly]
    public async Task<ControlRoomSummary> GetSummaryAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // "Today" in the team's own time zone.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await db.Teams.Select(t => t.TimeZone).SingleAsync(ct));
        var localNow = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var since = new DateTimeOffset(localNow.Date, localNow.Offset).ToUniversalTime();
        var members = await db.Memberships.CountAsync(m => m.IsActive, ct);
        var events = await db.AuditEntries.CountAsync(a => a.OccurredAt >= since, ct);
        var nodes = (await clusterNodes.ListAsync(ct)).Count(n => n.IsAlive);
        var running = await db.Set<Outreach.Domain.Campaigns.Campaign>().CountAsync(c => c.State == Outreach.Domain.Campaigns.CampaignState.Running, ct);
        return new ControlRoomSummary(members, events, nodes, running);
    }

    /// <summary>The team's zone: times on the control room are the team's.</summary>
    [ReadOnly]
    public async Task<TimeZoneInfo> TeamTimeZoneAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Teams.AsNoTracking().Select(t => t.TimeZone).FirstOrDefaultAsync(ct);
        return TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "", out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The team's newest audit entries.</summary>
    [ReadOnly]
    public async Task<IReadOnlyList<ActivityItem>> GetLatestActivityAsync(int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Id)
            .Take(take)
            .Select(a => new ActivityItem(a.Id, a.Action, a.Summary, a.ActorName, a.OccurredAt))
            .ToListAsync(ct);
    }
}
