using Microsoft.Extensions.Logging;
using Npgsql;

namespace Outreach.Infrastructure.Import;

/// <summary>
/// A node's presence as PostgreSQL sees it: a session advisory lock keyed by the node's name, held on a connection of
/// its own for as long as the node runs. The server drops the lock with the session, at once when the process dies
/// (its socket closes) and within <see cref="DeadPeerSeconds"/> when the machine or the network does (keepalives),
/// so another node can tell "gone" from "busy" without trusting any clock.
/// </summary>
internal sealed class NodePresence(NpgsqlDataSource dataSource, string nodeName, ILogger logger)
{
    /// <summary>How long the server takes at most to notice a peer that stopped answering: 10 s idle, then 3 probes 5 s apart.</summary>
    public const int DeadPeerSeconds = 25;

    private static readonly TimeSpan Check = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    /// <summary>Holds the presence lock until <paramref name="stoppingToken"/> fires, taking it again after a lost connection.</summary>
    public async Task HoldAsync(CancellationToken stoppingToken)
    {
        var warnedTaken = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var take = new NpgsqlCommand(ImportSql.TakeNodePresence, connection))
                {
                    take.Parameters.AddWithValue("node", nodeName);
                    if (await take.ExecuteScalarAsync(stoppingToken) is not true)
                    {
                        if (!warnedTaken)
                        {
                            logger.LogWarning("Another running node is also called {Node}; give every node a unique Outreach:NodeName", nodeName);
                            warnedTaken = true;
                        }
                        await Task.Delay(Retry * 5, stoppingToken);
                        continue;
                    }
                }
                // Ask the connection now and then: a server restart ends the session (and the lock) without telling us.
                while (!stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(Check, stoppingToken);
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Lost the connection that shows node {Node} is running; taking it again", nodeName);
                try
                {
                    await Task.Delay(Retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>True when no session holds <paramref name="node"/>'s presence lock: the node is not running.</summary>
    public static async Task<bool> IsGoneAsync(NpgsqlConnection connection, string node, CancellationToken cancellationToken)
    {
        // Transaction-scoped: the probe's own hold ends with the statement's implicit transaction.
        await using var probe = new NpgsqlCommand(ImportSql.ProbeNodePresence, connection);
        probe.Parameters.AddWithValue("node", node);
        return await probe.ExecuteScalarAsync(cancellationToken) is true;
    }
}
