using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Outreach.Infrastructure.Events;

/// <summary>
/// Fans live events out across nodes with PostgreSQL LISTEN/NOTIFY. Publishing is a pg_notify on a pooled
/// connection; one long-lived connection per node listens and hands foreign events to the local hub.
/// NOTIFY is delivered only to sessions connected at that moment, which is what live updates need:
/// a node that was down reloads from the database when its circuits reconnect.
/// </summary>
public sealed class PostgresEventBridge(
    NpgsqlDataSource dataSource,
    NodeIdentity node,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<PostgresEventBridge> logger) : BackgroundService, IEventBridge
{
    public const string Channel = "outreach_events";

    // PostgreSQL rejects payloads of 8000 bytes or more.
    private const int MaxPayloadBytes = 7900;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this node listens for the first time.</summary>
    public Task Listening => _listening.Task;

    public async Task ForwardAsync(LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        var payload = Serialize(liveEvent);
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var initialDelay = TimeSpan.FromMilliseconds(250);
        var delay = initialDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => delay = initialDelay, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Live event listener on node {Node} lost its connection; retrying in {Delay}", node.Name, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, args) => OnNotification(args.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        logger.LogInformation("Node {Node} is listening for live events", node.Name);
        connected();
        if (!_listening.TrySetResult())
        {
            // Reconnected: whatever other nodes published meanwhile was not delivered here.
            Hub?.DispatchResync(clock.GetUtcNow());
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            // The timeout makes a silently dropped connection surface as an error on the next probe.
            if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(stoppingToken);
            }
        }
    }

    private void OnNotification(string payload)
    {
        LiveEvent? liveEvent;
        try
        {
            liveEvent = JsonSerializer.Deserialize<LiveEvent>(payload, Json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed live event notification");
            return;
        }
        if (liveEvent is null || liveEvent.OriginNode == node.Name)
        {
            return;
        }
        Hub?.DispatchLocal(liveEvent);
    }

    // Resolved lazily: the hub depends on this bridge.
    private LiveEventHub? Hub => services.GetService(typeof(LiveEventHub)) as LiveEventHub;

    internal static string Serialize(LiveEvent liveEvent)
    {
        var payload = JsonSerializer.Serialize(liveEvent, Json);
        if (Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes)
        {
            return payload;
        }
        // Too large to travel: send the notice without its fields; subscribers reload anyway.
        var trimmed = liveEvent with { Data = new Dictionary<string, string?> { ["truncated"] = "true" } };
        return JsonSerializer.Serialize(trimmed, Json);
    }
}
