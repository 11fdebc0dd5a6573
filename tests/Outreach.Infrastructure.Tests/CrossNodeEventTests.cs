using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Infrastructure.Events;

namespace Outreach.Infrastructure.Tests;

/// <summary>Two nodes on one database: an event published on one reaches the other's team subscribers only.</summary>
public class CrossNodeEventTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IHost _nodeB = null!;

    public async Task InitializeAsync()
    {
        _nodeB = await TestNode.StartAsync(fixture.Database.ConnectionString, "node-b");
        await _nodeB.Services.GetRequiredService<PostgresEventBridge>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
        await fixture.Services.GetRequiredService<PostgresEventBridge>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_event_published_on_one_node_reaches_the_same_team_on_another_within_a_second()
    {
        var team = Guid.NewGuid();
        var otherTeam = Guid.NewGuid();
        var onB = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherTeamOnB = new ConcurrentBag<LiveEvent>();
        var streamB = _nodeB.Services.GetRequiredService<ILiveEventStream>();
        using var s1 = streamB.Subscribe(team, e => { onB.TrySetResult(e); return Task.CompletedTask; });
        using var s2 = streamB.Subscribe(otherTeam, e => { otherTeamOnB.Add(e); return Task.CompletedTask; });

        var sent = DateTimeOffset.UtcNow;
        await fixture.Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(
            new LiveEvent(team, "test.ping", new Dictionary<string, string?> { ["n"] = "1" }, sent));

        var received = await onB.Task.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("test.ping", received.Kind);
        Assert.Equal("1", received["n"]);
        Assert.Equal("node-a", received.OriginNode);
        await Task.Delay(300);
        Assert.Empty(otherTeamOnB);
    }

    [Fact]
    public async Task A_local_subscriber_gets_each_event_once_not_again_from_the_database()
    {
        var team = Guid.NewGuid();
        var count = 0;
        using var subscription = fixture.Services.GetRequiredService<ILiveEventStream>()
            .Subscribe(team, _ => { Interlocked.Increment(ref count); return Task.CompletedTask; });

        await fixture.Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(
            new LiveEvent(team, "test.once", new Dictionary<string, string?>(), DateTimeOffset.UtcNow));
        await Task.Delay(500);

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing()
    {
        var team = Guid.NewGuid();
        var count = 0;
        var subscription = _nodeB.Services.GetRequiredService<ILiveEventStream>()
            .Subscribe(team, _ => { Interlocked.Increment(ref count); return Task.CompletedTask; });
        subscription.Dispose();

        await fixture.Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(
            new LiveEvent(team, "test.gone", new Dictionary<string, string?>(), DateTimeOffset.UtcNow));
        await Task.Delay(500);

        Assert.Equal(0, count);
    }

    [Fact]
    public async Task After_the_listener_connection_drops_subscribers_are_told_to_reload_and_events_flow_again()
    {
        var team = Guid.NewGuid();
        var resync = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _nodeB.Services.GetRequiredService<ILiveEventStream>().Subscribe(team, e =>
        {
            if (e.Kind == LiveEventKinds.Resync) { resync.TrySetResult(); }
            if (e.Kind == "test.after") { after.TrySetResult(); }
            return Task.CompletedTask;
        });

        // What a failover or a network blip does to the long-lived LISTEN session.
        // As the owner: the application role may not signal other sessions.
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var terminate = new Npgsql.NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN outreach_events'",
                connection);
            Assert.True((long)(await terminate.ExecuteScalarAsync())! >= 2, "both nodes' listeners were found and terminated");
        }

        await resync.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await fixture.Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(
            new LiveEvent(team, "test.after", new Dictionary<string, string?>(), DateTimeOffset.UtcNow));
        await after.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void An_oversized_event_travels_without_its_fields()
    {
        var big = new LiveEvent(Guid.NewGuid(), "test.big", new Dictionary<string, string?> { ["blob"] = new string('x', 10_000) }, DateTimeOffset.UtcNow);

        var payload = PostgresEventBridge.Serialize(big);

        Assert.True(payload.Length < 8000);
        Assert.Contains("truncated", payload);
    }

    public async Task DisposeAsync()
    {
        await _nodeB.StopAsync();
        _nodeB.Dispose();
    }
}
