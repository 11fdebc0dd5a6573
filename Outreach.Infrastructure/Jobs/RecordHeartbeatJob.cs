using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Quartz;

namespace Outreach.Infrastructure.Jobs;

/// <summary>
/// Proves the clustered scheduler works: each firing runs on exactly one node and records which one,
/// with the number of nodes alive. The unique scheduled time turns a double run into an error.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RecordHeartbeatJob(
    ISystemDbContextFactory dbFactory,
    ClusterNodes clusterNodes,
    NodeIdentity node,
    TimeProvider clock,
    ILogger<RecordHeartbeatJob> logger) : IJob
{
    public static readonly JobKey Key = new("record-heartbeat", "system");
    public static readonly TriggerKey TriggerKey = new("record-heartbeat", "system");
    private static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var nodes = await clusterNodes.ListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var db = dbFactory.CreateDbContext();
        db.SchedulerHeartbeats.Add(new SchedulerHeartbeat
        {
            ScheduledFor = context.ScheduledFireTimeUtc ?? context.FireTimeUtc,
            RanAt = now,
            Node = node.Name,
            NodesAlive = nodes.Count(n => n.IsAlive),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Heartbeat for {ScheduledFor} was already recorded: a firing ran twice", context.ScheduledFireTimeUtc);
            throw;
        }
        await db.SchedulerHeartbeats.Where(h => h.RanAt < now - Retention).ExecuteDeleteAsync(cancellationToken);
    }
}
