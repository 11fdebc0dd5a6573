using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Auditing;
using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;
using Outreach.Domain.Webhooks;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;

namespace Outreach.Infrastructure.Webhooks;

/// <summary>
/// The webhook pump, one per node; nodes share the work through the database. Each round fans new outbox events
/// out to the subscriptions that want them, claims due deliveries with FOR UPDATE SKIP LOCKED and a lease,
/// sends them, and records each attempt with its outcome in one round trip. A node that dies mid-request never
/// records anything: its lease runs out and another node sends the same event again under the same
/// <c>webhook-id</c>, which is what lets receivers drop the copy. A subscription that has failed for a day is
/// disabled, audited, and its owners and admins get a task about it.
/// </summary>
public sealed class WebhookDispatcher(
    NpgsqlDataSource ownerDatabase,
    ISystemDbContextFactory systemContexts,
    WebhookSender sender,
    NodeIdentity node,
    ILiveEventPublisher events,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _wake = new(0);
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    /// <summary>Wakes the pump now (a test event was just queued) instead of at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) == 0)
                {
                    await _wake.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // Claimed deliveries keep their leases; when those run out, any node sends them again.
                logger.LogWarning(ex, "The webhook dispatcher on node {Node} lost the database; retrying shortly", node.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>One round: fan out, claim, send, record. Returns how many deliveries were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await PruneAsync(settings, cancellationToken);
        await FanOutAsync(settings, cancellationToken);
        var claimed = await ClaimAsync(settings, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }
        using var gate = new SemaphoreSlim(settings.MaxInFlight);
        await Task.WhenAll(claimed.Select(async delivery =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var result = await sender.SendAsync(delivery, cancellationToken);
                await RecordAsync(delivery, result, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return claimed.Count;
    }

    private async Task FanOutAsync(WebhookOptions settings, CancellationToken cancellationToken)
    {
        await using var command = ownerDatabase.CreateCommand(WebhookSql.FanOut);
        command.Parameters.AddWithValue("batch", settings.BatchSize * 10);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<WebhookRequest>> ClaimAsync(WebhookOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = ownerDatabase.CreateCommand(WebhookSql.Claim);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease", TimeSpan.FromSeconds(settings.LeaseSeconds));
        command.Parameters.AddWithValue("node", node.Name);
        command.Parameters.AddWithValue("batch", settings.BatchSize);
        var claimed = new List<WebhookRequest>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var secret = reader.GetString(reader.GetOrdinal("secret"));
            var previous = reader.IsDBNull(reader.GetOrdinal("previous_secret")) ? null : reader.GetString(reader.GetOrdinal("previous_secret"));
            var previousUntil = reader.IsDBNull(reader.GetOrdinal("previous_secret_expires_at"))
                ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("previous_secret_expires_at"));
            claimed.Add(new WebhookRequest(
                reader.GetGuid(reader.GetOrdinal("delivery_id")),
                reader.GetGuid(reader.GetOrdinal("team_id")),
                reader.GetGuid(reader.GetOrdinal("subscription_id")),
                reader.GetInt32(reader.GetOrdinal("attempts")),
                reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("first_due_at")),
                reader.GetGuid(reader.GetOrdinal("event_id")),
                reader.GetString(reader.GetOrdinal("type")),
                reader.GetString(reader.GetOrdinal("data")),
                reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("occurred_at")),
                reader.GetString(reader.GetOrdinal("url")),
                Enum.Parse<WebhookFormat>(reader.GetString(reader.GetOrdinal("format"))),
                previous is not null && previousUntil > now ? [secret, previous] : [secret]));
        }
        return claimed;
    }

    private async Task RecordAsync(WebhookRequest delivery, WebhookSendResult result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string state;
        DateTimeOffset? next = null;
        if (result.Succeeded)
        {
            state = nameof(WebhookDeliveryState.Delivered);
        }
        else
        {
            next = now + WebhookRetryPolicy.Delay(delivery.Attempt, Random.Shared.NextDouble());
            state = WebhookRetryPolicy.IsExhausted(delivery.FirstDueAt, next.Value) ? nameof(WebhookDeliveryState.Failed) : nameof(WebhookDeliveryState.Pending);
        }
        var error = Truncate(result.Error ?? (result.Succeeded ? null : $"The receiver answered {result.StatusCode}."), WebhookAttempt.MaxExcerptLength);

        await using var batch = ownerDatabase.CreateBatch();
        var attempt = new NpgsqlBatchCommand(WebhookSql.InsertAttempt);
        attempt.Parameters.AddWithValue("team_id", delivery.TeamId);
        attempt.Parameters.AddWithValue("delivery_id", delivery.DeliveryId);
        attempt.Parameters.AddWithValue("subscription_id", delivery.SubscriptionId);
        attempt.Parameters.AddWithValue("attempt", delivery.Attempt);
        attempt.Parameters.AddWithValue("attempted_at", now - result.Duration);
        attempt.Parameters.AddWithValue("duration_ms", (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds));
        attempt.Parameters.AddWithValue("request", result.Request);
        attempt.Parameters.AddWithValue("status_code", NpgsqlDbType.Integer, (object?)result.StatusCode ?? DBNull.Value);
        attempt.Parameters.AddWithValue("response_excerpt", NpgsqlDbType.Varchar, (object?)result.ResponseExcerpt ?? DBNull.Value);
        attempt.Parameters.AddWithValue("error", NpgsqlDbType.Varchar, (object?)error ?? DBNull.Value);
        attempt.Parameters.AddWithValue("succeeded", result.Succeeded);
        attempt.Parameters.AddWithValue("node", node.Name);
        batch.BatchCommands.Add(attempt);
        var outcome = new NpgsqlBatchCommand(WebhookSql.RecordOutcome);
        outcome.Parameters.AddWithValue("state", state);
        outcome.Parameters.AddWithValue("next_attempt_at", NpgsqlDbType.TimestampTz, (object?)next ?? DBNull.Value);
        outcome.Parameters.AddWithValue("now", now);
        outcome.Parameters.AddWithValue("status_code", NpgsqlDbType.Integer, (object?)result.StatusCode ?? DBNull.Value);
        outcome.Parameters.AddWithValue("error", NpgsqlDbType.Varchar, (object?)error ?? DBNull.Value);
        outcome.Parameters.AddWithValue("delivery_id", delivery.DeliveryId);
        outcome.Parameters.AddWithValue("attempt", delivery.Attempt);
        outcome.Parameters.AddWithValue("node", node.Name);
        batch.BatchCommands.Add(outcome);
        var health = new NpgsqlBatchCommand(WebhookSql.TrackHealth);
        health.Parameters.AddWithValue("succeeded", result.Succeeded);
        health.Parameters.AddWithValue("now", now);
        health.Parameters.AddWithValue("subscription_id", delivery.SubscriptionId);
        batch.BatchCommands.Add(health);

        DateTimeOffset? failingSince = null;
        var enabled = false;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                failingSince = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
                enabled = reader.GetBoolean(1);
            }
        }
        if (!result.Succeeded)
        {
            logger.LogInformation("Webhook delivery {DeliveryId} to subscription {SubscriptionId} failed (attempt {Attempt}): {Error}",
                delivery.DeliveryId, delivery.SubscriptionId, delivery.Attempt, error);
        }
        if (enabled && failingSince is { } since && now - since >= WebhookRetryPolicy.DisableAfter)
        {
            await DisableAsync(delivery.TeamId, delivery.SubscriptionId, since, cancellationToken);
        }
    }

    /// <summary>The subscription, the audit entry and the owners' and admins' tasks change together.</summary>
    private async Task DisableAsync(Guid teamId, Guid subscriptionId, DateTimeOffset failingSince, CancellationToken cancellationToken)
    {
        await using (var db = systemContexts.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var subscription = await db.Set<WebhookSubscription>()
                .FromSqlInterpolated($"SELECT * FROM webhook_subscriptions WHERE id = {subscriptionId} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
            if (subscription is not { IsEnabled: true })
            {
                return;
            }
            var reason = $"Disabled automatically: every delivery has failed since {failingSince:u}.";
            subscription.Disable(reason, clock);
            db.AuditEntries.Add(AuditEntry.Record(teamId, AuditActor.System, WebhookAuditActions.Disabled,
                $"Webhook \"{subscription.Name}\" disabled after a day of failed deliveries", $$"""{"subscriptionId":"{{subscriptionId}}"}""", clock.GetUtcNow()));
            var admins = await db.Memberships.Where(m => m.TeamId == teamId && m.IsActive && (m.Role == TeamRole.Owner || m.Role == TeamRole.Admin))
                .Select(m => m.UserId).ToListAsync(cancellationToken);
            foreach (var admin in admins)
            {
                var task = OperatorTask.Create(teamId, $"Webhook \"{subscription.Name}\" was disabled", reason +
                    " Check the receiver, then enable it again in Settings > Webhooks; events from the last three days are still waiting.",
                    TaskPriority.High, clock.GetUtcNow(), "Webhooks", clock);
                task.Assign(admin, null);
                db.Add(task);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        logger.LogWarning("Webhook subscription {SubscriptionId} of team {TeamId} was disabled after failing since {FailingSince}", subscriptionId, teamId, failingSince);
        await events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.TasksChanged, new Dictionary<string, string?> { ["action"] = "created" }, clock.GetUtcNow()), cancellationToken);
        await events.PublishAsync(new LiveEvent(teamId, WebhookAuditActions.LiveKind, new Dictionary<string, string?> { ["subscriptionId"] = subscriptionId.ToString() }, clock.GetUtcNow()), cancellationToken);
    }

    private async Task PruneAsync(WebhookOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }
        _nextPrune = now + PruneEvery;
        await using var command = ownerDatabase.CreateCommand(WebhookSql.Prune);
        command.Parameters.AddWithValue("before", now - TimeSpan.FromDays(settings.RetentionDays));
        command.Parameters.AddWithValue("give_up_before", now - WebhookRetryPolicy.GiveUpAfter);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..(length - 1)] + "…";
}
