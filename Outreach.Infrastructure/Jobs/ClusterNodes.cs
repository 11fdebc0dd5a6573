using Microsoft.EntityFrameworkCore;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Jobs;

/// <summary>A scheduler node as Quartz's cluster records it.</summary>
public sealed record ClusterNode(string Name, DateTimeOffset LastCheckIn, TimeSpan CheckInInterval, bool IsAlive);

/// <summary>Reads Quartz's own cluster table, the authority on which nodes are alive.</summary>
public sealed class ClusterNodes(ISystemDbContextFactory dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<ClusterNode>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.Database
            .SqlQueryRaw<SchedulerStateRow>(
                "SELECT instance_name AS \"InstanceName\", last_checkin_time AS \"LastCheckinTime\", " +
                "checkin_interval AS \"CheckinInterval\" FROM qrtz_scheduler_state ORDER BY instance_name")
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.Select(r =>
        {
            // Quartz.NET stores check-in times as .NET ticks (UTC) and the interval in milliseconds.
            var lastCheckIn = new DateTimeOffset(r.LastCheckinTime, TimeSpan.Zero);
            var interval = TimeSpan.FromMilliseconds(r.CheckinInterval);
            var alive = now - lastCheckIn <= interval * 3 + TimeSpan.FromSeconds(5);
            return new ClusterNode(r.InstanceName, lastCheckIn, interval, alive);
        }).ToList();
    }

    private sealed record SchedulerStateRow(string InstanceName, long LastCheckinTime, long CheckinInterval);
}
