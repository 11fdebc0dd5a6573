using Npgsql;
using Outreach.Domain.Campaigns;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>What the control room shows, read in a few set-based statements under the team's row-level security.</summary>
public sealed class CampaignQueries(TenantDatabase tenantDatabase, TenantScope scope)
{
    public async Task<IReadOnlyList<CampaignTile>> TilesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        var tiles = new List<CampaignTile>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.id, c.name, c.state, c.budget, c.spent, c.reserved_spend, c.kill_switch_engaged, c.pause_reason,
                   coalesce(m.queued, 0), coalesce(m.sent, 0), coalesce(m.delivered, 0), coalesce(m.failed, 0),
                   coalesce(e.replied, 0), coalesce(e.opted_out, 0), coalesce(e.open, 0), c.enrolled
            FROM campaigns c
            LEFT JOIN LATERAL (
                SELECT count(*) FILTER (WHERE status IN ('Queued', 'Sending')) AS queued,
                       count(*) FILTER (WHERE status IN ('Sent', 'Delivered', 'Undelivered')) AS sent,
                       count(*) FILTER (WHERE status = 'Delivered') AS delivered,
                       count(*) FILTER (WHERE status IN ('Failed', 'Undelivered')) AS failed
                FROM messages WHERE campaign_id = c.id
            ) m ON true
            LEFT JOIN LATERAL (
                SELECT count(*) FILTER (WHERE state = 'Replied') AS replied,
                       count(*) FILTER (WHERE state = 'OptedOut') AS opted_out,
                       count(*) FILTER (WHERE state IN ('Pending', 'Active')) AS open
                FROM campaign_enrollments WHERE campaign_id = c.id
            ) e ON true
            WHERE c.state IN ('Running', 'Paused', 'Scheduled')
            ORDER BY c.state = 'Running' DESC, c.created_at DESC
            LIMIT 24
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tiles.Add(new CampaignTile(reader.GetGuid(0), reader.GetString(1), Enum.Parse<CampaignState>(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5), reader.GetBoolean(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13),
                    reader.GetInt64(14), reader.GetInt32(15), [], []));
            }
        }
        if (tiles.Count == 0)
        {
            return tiles;
        }
        var ids = tiles.Select(t => t.Id).ToArray();
        var rates = new Dictionary<Guid, int[]>();
        await using (var command = new NpgsqlCommand("""
            SELECT campaign_id, (extract(epoch FROM date_trunc('minute', now()) - date_trunc('minute', created_at)) / 60)::int AS ago, count(*)
            FROM messages WHERE campaign_id = ANY(@ids) AND created_at > date_trunc('minute', now()) - interval '29 minutes'
            GROUP BY 1, 2
            """, connection))
        {
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var series = rates.TryGetValue(reader.GetGuid(0), out var s) ? s : rates[reader.GetGuid(0)] = new int[30];
                var ago = reader.GetInt32(1);
                if (ago is >= 0 and < 30)
                {
                    series[29 - ago] = (int)reader.GetInt64(2);
                }
            }
        }
        var trips = new Dictionary<Guid, List<GuardrailTrip>>();
        await using (var command = new NpgsqlCommand(
            "SELECT campaign_id, reason, count(*) FROM guardrail_events WHERE campaign_id = ANY(@ids) GROUP BY 1, 2 ORDER BY 3 DESC", connection))
        {
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var list = trips.TryGetValue(reader.GetGuid(0), out var l) ? l : trips[reader.GetGuid(0)] = [];
                list.Add(new GuardrailTrip(reader.GetString(1), reader.GetInt64(2)));
            }
        }
        return tiles.Select(t => t with
        {
            SendRate = rates.GetValueOrDefault(t.Id) ?? new int[30],
            Trips = trips.GetValueOrDefault(t.Id) ?? [],
        }).ToList();
    }

    /// <summary>The latest guardrail trips of the team's campaigns, for the live feed.</summary>
    public async Task<IReadOnlyList<TripView>> RecentTripsAsync(int take, CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT g.occurred_at, g.reason, g.outcome, g.recipient, c.name
            FROM guardrail_events g LEFT JOIN campaigns c ON c.id = g.campaign_id
            WHERE g.team_id = app_current_team()
            ORDER BY g.occurred_at DESC LIMIT @take
            """, connection);
        command.Parameters.AddWithValue("take", take);
        var list = new List<TripView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new TripView(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return list;
    }
}

public sealed record CampaignTile(
    Guid Id, string Name, CampaignState State, decimal? Budget, decimal Spent, decimal Reserved, bool KillSwitchEngaged, string? PauseReason,
    long Queued, long Sent, long Delivered, long Failed, long Replies, long OptOuts, long Open, int Enrolled,
    int[] SendRate, IReadOnlyList<GuardrailTrip> Trips);

public sealed record GuardrailTrip(string Reason, long Count);

public sealed record TripView(DateTimeOffset At, string Reason, string Outcome, string Recipient, string? Campaign);
