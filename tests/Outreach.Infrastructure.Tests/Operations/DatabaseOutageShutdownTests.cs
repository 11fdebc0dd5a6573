using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.TestSupport;
using Xunit.Abstractions;

namespace Outreach.Infrastructure.Tests.Operations;

/// <summary>
/// A node whose PostgreSQL went away first (a failover, a managed service's maintenance, the server stopped before
/// the app) must still stop when asked, within the 10 s an orchestrator gives it before killing it.
/// </summary>
public sealed class DatabaseOutageShutdownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_node_whose_database_is_gone_still_stops_when_the_host_asks()
    {
        await using var cluster = await TestCluster.StartAsync();
        var connectionString = await CreateDatabaseAsync(cluster);
        var node = await TestNode.StartAsync(connectionString, "node-outage", scheduler: true, heartbeatSeconds: 1);
        await WaitForHeartbeatAsync(connectionString);

        await cluster.StopAsync();
        NpgsqlConnection.ClearAllPools();
        // Long enough for the scheduler to be inside its retry loop against the missing server.
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var watch = Stopwatch.StartNew();
        var stopping = node.StopAsync(budget.Token);
        // Not a speed check: a generous guard so that a hang fails the test instead of stalling the suite.
        var finished = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(60)));
        output.WriteLine($"stopped in {watch.Elapsed.TotalSeconds:0.0} s after the database went away");

        Assert.Same(stopping, finished);
        await stopping;
        Assert.True(Jobs.AbandonedScheduler.ThreadsLeft, "the stop was abandoned, so the console's Main ends the process itself");
        node.Dispose();
    }

    private static async Task<string> CreateDatabaseAsync(TestCluster cluster)
    {
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE outage", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "outage" }.ConnectionString;
    }

    private static async Task WaitForHeartbeatAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM scheduler_heartbeats", connection);
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException("the scheduler never ran its heartbeat job");
    }
}
