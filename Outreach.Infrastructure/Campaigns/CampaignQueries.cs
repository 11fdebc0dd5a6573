using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>What the control room shows, read in a few set-based statements under the team's row-level security.</summary>
public sealed class CampaignQueries(TenantDatabase tenantDatabase, TenantScope scope, IDbContextFactory<OutreachDbContext> contexts)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// One page of the team's campaigns for the list, sorted by one of <see cref="CampaignSort"/> (newest first unless
    /// asked otherwise), with the total to page through. The counters come from <c>campaign_counters</c> for this
    /// page's campaigns only: counting every campaign's messages to sort by them would cost a scan per request.
    /// </summary>
    [ReadOnly]
    public async Task<CampaignPage> PageAsync(CampaignPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(0, request.Page);
        List<Campaign> campaigns;
        int total;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var query = db.Set<Campaign>().AsNoTracking();
            total = await query.CountAsync(cancellationToken);
            campaigns = await Sort(query, request.Sort, request.Descending).Skip(page * size).Take(size).ToListAsync(cancellationToken);
        }
        var counts = await CountsAsync([.. campaigns.Select(c => c.Id)], cancellationToken);
        var empty = new CampaignCounts(0, 0, 0, 0, 0, 0);
        return new CampaignPage([.. campaigns.Select(c => new CampaignRow(
            c.Id, c.Name, c.State, c.PauseReason, c.KillSwitchEngaged, c.RequireApproval, c.Enrolled, c.ExcludedDoNotContact,
            c.Spent, c.ReservedSpend, c.Budget, c.CreatedAt, c.StartAt, counts.GetValueOrDefault(c.Id) ?? empty))], total);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Campaign, int>> StateOrder = c =>
        c.State == CampaignState.Running ? 0 : c.State == CampaignState.Paused ? 1 : c.State == CampaignState.Scheduled ? 2
        : c.State == CampaignState.Draft ? 3 : c.State == CampaignState.Completed ? 4 : 5;

    private static IQueryable<Campaign> Sort(IQueryable<Campaign> query, CampaignSort sort, bool descending) => (sort, descending) switch
    {
        // Names as people sort them, not by code point ("alpha" before "Bravo").
        (CampaignSort.Name, false) => query.OrderBy(c => c.Name.ToLower()).ThenBy(c => c.Id),
        (CampaignSort.Name, true) => query.OrderByDescending(c => c.Name.ToLower()).ThenBy(c => c.Id),
        // States are stored as text; sorted in the order of a campaign's life (active first), not alphabetically.
        (CampaignSort.State, false) => query.OrderBy(StateOrder).ThenByDescending(c => c.CreatedAt).ThenBy(c => c.Id),
        (CampaignSort.State, true) => query.OrderByDescending(StateOrder).ThenByDescending(c => c.CreatedAt).ThenBy(c => c.Id),
        (CampaignSort.Enrolled, false) => query.OrderBy(c => c.Enrolled).ThenBy(c => c.Id),
        (CampaignSort.Enrolled, true) => query.OrderByDescending(c => c.Enrolled).ThenBy(c => c.Id),
        (CampaignSort.Spend, false) => query.OrderBy(c => c.Spent + c.ReservedSpend).ThenBy(c => c.Id),
        (CampaignSort.Spend, true) => query.OrderByDescending(c => c.Spent + c.ReservedSpend).ThenBy(c => c.Id),
        (_, false) => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        _ => query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id),
    };

    [ReadOnly]
    public async Task<IReadOnlyList<CampaignTile>> TilesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        var tiles = new List<CampaignTile>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.id, c.name, c.state, c.budget, c.spent, c.reserved_spend, c.kill_switch_engaged, c.pause_reason,
                   k.queued, k.sent, k.delivered, k.failed, k.replies, k.opt_outs, coalesce(e.open, 0) AS open, c.enrolled
            FROM campaigns c
            JOIN campaign_counters k ON k.campaign_id = c.id
            LEFT JOIN LATERAL (
                SELECT count(*) AS open FROM campaign_enrollments WHERE campaign_id = c.id AND state IN ('Pending', 'Active')
            ) e ON true
            WHERE c.state IN ('Running', 'Paused', 'Scheduled')
            ORDER BY c.state = 'Running' DESC, c.created_at DESC
            LIMIT 24
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tiles.Add(new CampaignTile(reader.GetGuid("id"), reader.GetString("name"), Enum.Parse<CampaignState>(reader.GetString("state")),
                    reader.IsDBNull("budget") ? null : reader.GetDecimal("budget"), reader.GetDecimal("spent"), reader.GetDecimal("reserved_spend"),
                    reader.GetBoolean("kill_switch_engaged"), reader.IsDBNull("pause_reason") ? null : reader.GetString("pause_reason"),
                    ReadCounts(reader), reader.GetInt64("open"), reader.GetInt32("enrolled"), [], []));
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
            "SELECT campaign_id, reason, sum(held)::bigint FROM guardrail_events WHERE campaign_id = ANY(@ids) GROUP BY 1, 2 ORDER BY 3 DESC", connection))
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

    /// <summary>The counters of the given campaigns (the campaign list), by the same definition as the tiles.</summary>
    [ReadOnly]
    public async Task<IReadOnlyDictionary<Guid, CampaignCounts>> CountsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<Guid, CampaignCounts>();
        if (ids.Count == 0)
        {
            return counts;
        }
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT * FROM campaign_counters WHERE campaign_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetGuid("campaign_id")] = ReadCounts(reader);
        }
        return counts;
    }

    private static CampaignCounts ReadCounts(NpgsqlDataReader reader) => new(
        reader.GetInt64("queued"), reader.GetInt64("sent"), reader.GetInt64("delivered"), reader.GetInt64("failed"),
        reader.GetInt64("replies"), reader.GetInt64("opt_outs"));

    /// <summary>The latest guardrail trips of the team's campaigns, for the live feed.</summary>
    [ReadOnly]
    public async Task<IReadOnlyList<TripView>> RecentTripsAsync(int take, CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT g.last_occurred_at, g.reason, g.outcome, g.recipient, c.name, g.held, g.stop_started_at IS NOT NULL AS stop
            FROM guardrail_events g LEFT JOIN campaigns c ON c.id = g.campaign_id
            WHERE g.team_id = app_current_team()
            ORDER BY g.last_occurred_at DESC LIMIT @take
            """, connection);
        command.Parameters.AddWithValue("take", take);
        var list = new List<TripView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stop = reader.GetBoolean("stop");
            list.Add(new TripView(reader.GetFieldValue<DateTimeOffset>("last_occurred_at"), GuardrailReasons.Label(reader.GetString("reason")),
                Enum.Parse<GuardrailOutcome>(reader.GetString("outcome")).Label(), stop ? null : reader.GetString("recipient"),
                reader.IsDBNull("name") ? null : reader.GetString("name"), reader.GetInt32("held")));
        }
        return list;
    }
}

/// <summary>What the campaign list may be sorted by: the campaign's own columns (see <see cref="CampaignQueries.PageAsync"/>).</summary>
public enum CampaignSort
{
    Created,
    Name,
    State,
    Enrolled,
    Spend,
}

public sealed record CampaignPageRequest(int Page, int PageSize, CampaignSort Sort = CampaignSort.Created, bool Descending = true);

public sealed record CampaignPage(IReadOnlyList<CampaignRow> Rows, int Total);

/// <summary>A campaign as its row in the list shows it.</summary>
public sealed record CampaignRow(
    Guid Id, string Name, CampaignState State, string? PauseReason, bool KillSwitchEngaged, bool RequireApproval, int Enrolled,
    int ExcludedDoNotContact, decimal Spent, decimal Reserved, decimal? Budget, DateTimeOffset CreatedAt, DateTimeOffset? StartAt, CampaignCounts Counts);

public sealed record CampaignTile(
    Guid Id, string Name, CampaignState State, decimal? Budget, decimal Spent, decimal Reserved, bool KillSwitchEngaged, string? PauseReason,
    CampaignCounts Counts, long Open, int Enrolled, int[] SendRate, IReadOnlyList<GuardrailTrip> Trips);

/// <summary>
/// A campaign's messages by state, and the replies and opt-outs that answer them (view <c>campaign_counters</c>):
/// a reply counts for the campaign whose message it answers, whatever the enrollment's state.
/// </summary>
public sealed record CampaignCounts(long Queued, long Sent, long Delivered, long Failed, long Replies, long OptOuts);

/// <summary>A campaign's sends held or deferred for one reason (stored as text; <see cref="Label"/> is what a person reads).</summary>
public sealed record GuardrailTrip(string Reason, long Count)
{
    public string Label => GuardrailReasons.Label(Reason);
}

/// <summary>
/// A guardrail entry as the feed shows it: one refused send, or one kill switch's stop with the number of sends
/// it held (<see cref="Held"/>; no single recipient).
/// </summary>
public sealed record TripView(DateTimeOffset At, string Reason, string Outcome, string? Recipient, string? Campaign, int Held);
