using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Infrastructure.Jobs;
using Outreach.TestSupport;
using Quartz;

namespace Outreach.Infrastructure.Tests;

/// <summary>
/// Two nodes with clustered Quartz on one database share one schedule: both check in, and every firing of
/// the heartbeat job runs exactly once, on one of them.
/// </summary>
public class SchedulerClusterTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly List<IHost> _nodes = [];
    private readonly FiringRecorder _recorder = new();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("cluster");
        foreach (var name in new[] { "node-a", "node-b" })
        {
            var node = await TestNode.StartAsync(_database.ConnectionString, name, scheduler: true, heartbeatSeconds: 1);
            var scheduler = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            scheduler.ListenerManager.AddJobListener(_recorder);
            _nodes.Add(node);
        }
    }

    [Fact]
    public async Task Two_nodes_share_the_schedule_and_each_firing_runs_once()
    {
        await Task.Delay(TimeSpan.FromSeconds(8));

        var clusterNodes = await _nodes[0].Services.GetRequiredService<ClusterNodes>().ListAsync(CancellationToken.None);
        Assert.Equal(["node-a", "node-b"], clusterNodes.Where(n => n.IsAlive).Select(n => n.Name).Order());

        Assert.Empty(_recorder.Failures);
        Assert.True(_recorder.Firings.Count >= 4, $"expected at least 4 firings in 8 s, saw {_recorder.Firings.Count}");
        Assert.All(_recorder.Firings, f => Assert.Equal(1, f.Value));

        await using var db = _nodes[0].Services.GetRequiredService<Data.ISystemDbContextFactory>().CreateDbContext();
        var heartbeats = await db.SchedulerHeartbeats.AsNoTracking().ToListAsync();
        Assert.True(heartbeats.Count >= _recorder.Firings.Count - 1, "every completed firing left its heartbeat row");
        Assert.All(heartbeats, h => Assert.Contains(h.Node, new[] { "node-a", "node-b" }));
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
            node.Dispose();
        }
        await _database.DisposeAsync();
    }

    private sealed class FiringRecorder : IJobListener
    {
        public ConcurrentDictionary<DateTimeOffset, int> Firings { get; } = new();
        public ConcurrentBag<Exception> Failures { get; } = [];
        public string Name => "firing-recorder";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.JobDetail.Key.Equals(RecordHeartbeatJob.Key))
            {
                Firings.AddOrUpdate(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, 1, (_, n) => n + 1);
                if (jobException is not null)
                {
                    Failures.Add(jobException);
                }
            }
            return default;
        }
    }
}
