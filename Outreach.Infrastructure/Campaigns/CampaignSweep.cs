using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Common;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>The work of the guardrail sweep job, callable from tests without a scheduler.</summary>
public sealed class CampaignSweep(
    NpgsqlDataSource ownerDatabase,
    IServiceScopeFactory scopes,
    IAuditLog audit,
    ILiveEventPublisher events,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<CampaignSweep> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await SettleAsync(cancellationToken);
        foreach (var (id, teamId) in await IdsAsync("SELECT id, team_id FROM campaigns WHERE state = 'Scheduled' AND start_at <= now()", cancellationToken))
        {
            await TransitionAsync(teamId, id, CampaignState.Running, "Scheduled start", cancellationToken);
        }
        // Campaigns past their end: what is left is skipped, and they complete below with the others that have nothing left.
        await using (var ended = ownerDatabase.CreateCommand("""
            UPDATE campaign_enrollments e SET state = 'Skipped', last_skip_reason = 'CampaignEnded', next_due_at = NULL, updated_at = now()
            FROM campaigns c WHERE c.id = e.campaign_id AND c.state = 'Running' AND c.end_at <= now() AND e.state IN ('Pending', 'Active')
            """))
        {
            await ended.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var (id, teamId) in await IdsAsync("""
            SELECT c.id, c.team_id FROM campaigns c
            WHERE c.state = 'Running' AND c.started_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM campaign_enrollments e WHERE e.campaign_id = c.id AND e.state IN ('Pending', 'Active'))
              -- Its last messages may still wait in the queue, which hands over only those of running campaigns.
              AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.campaign_id = c.id AND m.status IN ('Queued', 'Sending'))
            """, cancellationToken))
        {
            await TransitionAsync(teamId, id, CampaignState.Completed, "Nothing left to send", cancellationToken);
        }
        await PauseOnRatesAsync(cancellationToken);
    }

    /// <summary>
    /// Moves reserved spend to spent once the provider's cost is known (or the message can no longer cost
    /// anything): campaigns and the team's month in one statement.
    /// </summary>
    public async Task<int> SettleAsync(CancellationToken cancellationToken)
    {
        await using var command = ownerDatabase.CreateCommand("""
            WITH settled AS (
                UPDATE messages m SET cost_settled_at = now()
                WHERE m.reserved_cost IS NOT NULL AND m.cost_settled_at IS NULL
                  AND (m.status IN ('Delivered', 'Undelivered', 'Failed', 'Canceled') OR (m.status = 'Sent' AND m.cost IS NOT NULL))
                RETURNING m.team_id, m.campaign_id, m.reserved_cost,
                          CASE WHEN m.status IN ('Failed', 'Canceled') THEN coalesce(abs(m.cost), 0) ELSE coalesce(abs(m.cost), m.reserved_cost) END AS actual,
                          date_trunc('month', m.created_at AT TIME ZONE 'UTC')::date AS month
            ),
            by_campaign AS (
                SELECT campaign_id, sum(reserved_cost) AS reserved, sum(actual) AS actual FROM settled WHERE campaign_id IS NOT NULL GROUP BY campaign_id
            ),
            campaigns_settled AS (
                UPDATE campaigns c SET reserved_spend = greatest(0, c.reserved_spend - b.reserved), spent = c.spent + b.actual
                FROM by_campaign b WHERE c.id = b.campaign_id
                RETURNING c.id
            ),
            by_team AS (
                SELECT team_id, month, sum(reserved_cost) AS reserved, sum(actual) AS actual FROM settled GROUP BY team_id, month
            ),
            teams_settled AS (
                UPDATE team_spend t SET reserved = greatest(0, t.reserved - b.reserved), spent = t.spent + b.actual
                FROM by_team b WHERE t.team_id = b.team_id AND t.month = b.month
                RETURNING t.team_id
            )
            -- Data-modifying CTEs run to completion whether or not this reads them.
            SELECT count(*)::int FROM settled
            """);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task PauseOnRatesAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var command = ownerDatabase.CreateCommand("""
            SELECT c.id, c.team_id, c.name, err.failed, err.total, opt.opted, opt.total
            FROM campaigns c
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE x.status IN ('Failed', 'Undelivered')) AS failed, count(*) AS total
                FROM (SELECT m.status FROM messages m WHERE m.campaign_id = c.id AND m.status IN ('Sent', 'Delivered', 'Undelivered', 'Failed')
                      ORDER BY m.created_at DESC LIMIT @error_window) x
            ) err
            -- Opt-outs answering the campaign's latest messages that reached the carrier, by the one definition of
            -- a reply (the message it answers), whatever state their enrollments are in: a one-message campaign's
            -- enrollments are completed when sent, and its opt-outs count all the same.
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE EXISTS (
                           SELECT 1 FROM messages r WHERE r.answers_message_id = x.id AND r.classification = 'OptOut')) AS opted,
                       count(*) AS total
                FROM (SELECT m.id FROM messages m WHERE m.campaign_id = c.id AND m.status IN ('Sent', 'Delivered')
                      ORDER BY m.created_at DESC LIMIT @opt_window) x
            ) opt
            WHERE c.state = 'Running'
              AND ((err.total >= least(@error_window, 20) AND err.failed > err.total * @error_rate)
                OR (opt.total >= least(@opt_window, 20) AND opt.opted > opt.total * @opt_rate))
            """);
        command.Parameters.AddWithValue("error_window", settings.ErrorWindow);
        command.Parameters.AddWithValue("opt_window", settings.OptOutWindow);
        command.Parameters.AddWithValue("error_rate", settings.ErrorRateThreshold);
        command.Parameters.AddWithValue("opt_rate", settings.OptOutRateThreshold);
        var spikes = new List<(Guid Id, Guid TeamId, string Name, string Reason)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (failed, total, opted, delivered) = (reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
                var reason = total > 0 && failed > total * settings.ErrorRateThreshold
                    ? string.Create(CultureInfo.InvariantCulture, $"Provider error rate {failed} of the last {total} sends (above {settings.ErrorRateThreshold:P0})")
                    : string.Create(CultureInfo.InvariantCulture, $"Opt-out rate {opted} of the last {delivered} sent (above {settings.OptOutRateThreshold:P0})");
                spikes.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reason));
            }
        }
        foreach (var (id, teamId, name, reason) in spikes)
        {
            await using var pause = ownerDatabase.CreateCommand(
                "UPDATE campaigns SET state = 'Paused', pause_reason = @reason, updated_at = now() WHERE id = @id AND state = 'Running'");
            pause.Parameters.AddWithValue("id", id);
            pause.Parameters.AddWithValue("reason", reason.Length <= 600 ? reason : reason[..600]);
            if (await pause.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                logger.LogWarning("Campaign {CampaignId} paused automatically: {Reason}", id, reason);
                await CampaignNotices.AutoPausedAsync(audit, events, clock, teamId, id, name, reason, cancellationToken);
            }
        }
    }

    private async Task TransitionAsync(Guid teamId, Guid id, CampaignState to, string reason, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(teamId, null);
        try
        {
            await scope.ServiceProvider.GetRequiredService<CampaignService>().TransitionAsync(id, to, reason, AuditActor.System, cancellationToken);
        }
        catch (DomainException ex)
        {
            // Another node or a person moved it first.
            logger.LogDebug(ex, "Campaign {CampaignId} did not become {State}", id, to);
        }
    }

    private async Task<List<(Guid Id, Guid TeamId)>> IdsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = ownerDatabase.CreateCommand(sql);
        var list = new List<(Guid, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }
        return list.Distinct().ToList();
    }
}
