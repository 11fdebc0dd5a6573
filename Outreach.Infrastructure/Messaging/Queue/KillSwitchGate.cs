using Npgsql;

namespace Outreach.Infrastructure.Messaging.Queue;

/// <summary>
/// Makes "stopped" mean stopped. Every node's dispatcher hands messages to providers only inside a short
/// transaction that holds this advisory lock in shared mode and re-reads every switch. Engaging a switch
/// commits it and then passes the barrier: taking the lock exclusively waits for hand-overs already past
/// their check, and any hand-over that starts later sees the committed switch. So once <see cref="BarrierAsync"/>
/// returns, no node will hand another message of the stopped scope to a provider; what was handed before is
/// listed by <see cref="HandedOverAsync"/>.
/// </summary>
public sealed class KillSwitchGate(NpgsqlDataSource ownerDatabase)
{
    /// <summary>The advisory lock key (an arbitrary constant shared by every node).</summary>
    public const long LockKey = 0x4B494C4C_53574954; // "KILLSWIT"

    public async Task BarrierAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ownerDatabase.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", LockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Messages of the scope handed to a provider in the last <paramref name="window"/> before now, newest
    /// first: what the switch could no longer stop. Waits (up to <paramref name="settle"/>) for those still
    /// in the provider's hands to be answered, so the list says whether each was accepted.
    /// </summary>
    public async Task<IReadOnlyList<HandedOverMessage>> HandedOverAsync(KillScope scope, TimeSpan window, TimeSpan settle, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + settle;
        while (true)
        {
            var list = await ReadHandedAsync(scope, window, cancellationToken);
            if (list.All(m => m.Status != "Sending") || DateTimeOffset.UtcNow >= deadline)
            {
                return list;
            }
            await Task.Delay(25, cancellationToken);
        }
    }

    private async Task<List<HandedOverMessage>> ReadHandedAsync(KillScope scope, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var command = ownerDatabase.CreateCommand("""
            SELECT m.id, m.team_id, m."to", m.status, m.handed_at, m.campaign_id
            FROM messages m
            WHERE m.handed_at > now() - @window AND m.direction = 'Outbound'
              AND (@team::uuid IS NULL OR m.team_id = @team)
              AND (@campaign::uuid IS NULL OR m.campaign_id = @campaign)
            ORDER BY m.handed_at DESC
            LIMIT 500
            """);
        command.Parameters.AddWithValue("window", window);
        command.Parameters.AddWithValue("team", NpgsqlTypes.NpgsqlDbType.Uuid, (object?)scope.TeamId ?? DBNull.Value);
        command.Parameters.AddWithValue("campaign", NpgsqlTypes.NpgsqlDbType.Uuid, (object?)scope.CampaignId ?? DBNull.Value);
        var list = new List<HandedOverMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new HandedOverMessage(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetGuid(5)));
        }
        return list;
    }
}

/// <summary>What a switch covers: everything (both null), a team, or one campaign of a team.</summary>
public sealed record KillScope(Guid? TeamId, Guid? CampaignId);

public sealed record HandedOverMessage(Guid Id, Guid TeamId, string To, string Status, DateTimeOffset HandedAt, Guid? CampaignId);
