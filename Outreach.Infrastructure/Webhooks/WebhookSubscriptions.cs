using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Teams;
using Outreach.Domain.Webhooks;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Webhooks;

public sealed record WebhookDraft(string Name, string Url, WebhookFormat Format, IReadOnlyList<string> EventTypes, bool Ordered);

public sealed record WebhookRow(
    Guid Id, string Name, string Url, WebhookFormat Format, IReadOnlyList<string> EventTypes, bool Ordered, bool IsEnabled, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset? PreviousSecretExpiresAt, int Pending);

public sealed record WebhookAttemptRow(
    long Id, Guid DeliveryId, string WebhookId, string EventType, int Attempt, DateTimeOffset AttemptedAt, int DurationMs, int? StatusCode,
    bool Succeeded, string? ResponseExcerpt, string? Error, string Request, WebhookDeliveryState DeliveryState);

public sealed record WebhookLogPage(IReadOnlyList<WebhookAttemptRow> Rows, int Total);

/// <summary>
/// The team's webhooks as owners and admins manage them: create, edit, enable and disable, rotate the secret,
/// send a test event, read the delivery log and replay. The actor's role is re-read from the database in every
/// change (a circuit's copy can be a minute old); the audit entry goes into the change's own transaction.
/// </summary>
public sealed class WebhookSubscriptions(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantScope scope,
    WebhookDispatcher dispatcher,
    ILiveEventPublisher events,
    IOptions<WebhookOptions> options,
    TimeProvider clock)
{
    public const int MaxPageSize = 100;
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Requires(Permission.ManageWebhooks)]
    public async Task<IReadOnlyList<WebhookRow>> ListAsync(CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageWebhooks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<WebhookSubscription>().AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new WebhookRow(s.Id, s.Name, s.Url, s.Format, s.EventTypes, s.Ordered, s.IsEnabled, s.DisabledReason, s.FailingSince,
                s.PreviousSecretExpiresAt,
                db.Set<WebhookDelivery>().Count(d => d.SubscriptionId == s.Id && d.State == WebhookDeliveryState.Pending)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The signing secret, for the owner or admin who configures the receiver.</summary>
    [Requires(Permission.ManageWebhooks)]
    public async Task<string> RevealSecretAsync(Guid id, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageWebhooks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.DemandCurrentAsync(scope, Permission.ManageWebhooks, cancellationToken);
        return await db.Set<WebhookSubscription>().Where(s => s.Id == id).Select(s => s.Secret).SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound();
    }

    [Requires(Permission.ManageWebhooks)]
    public async Task<Guid> CreateAsync(WebhookDraft draft, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageWebhooks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.DemandCurrentAsync(scope, Permission.ManageWebhooks, cancellationToken);
        var subscription = WebhookSubscription.Create(scope.RequireTeamId(), draft.Name, CheckAddress(draft.Url), draft.Format, draft.EventTypes, draft.Ordered, clock);
        db.Add(subscription);
        Audit(db, actor, WebhookAuditActions.Created, $"Added webhook \"{subscription.Name}\" to {subscription.Url}", subscription);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(subscription.Id, cancellationToken);
        return subscription.Id;
    }

    [Requires(Permission.ManageWebhooks)]
    public Task EditAsync(Guid id, WebhookDraft draft, AuditActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, WebhookAuditActions.Edited, s =>
        {
            s.Edit(draft.Name, CheckAddress(draft.Url), draft.Format, draft.EventTypes, draft.Ordered, clock);
            return $"Changed webhook \"{s.Name}\"";
        }, cancellationToken);

    [Requires(Permission.ManageWebhooks)]
    public Task SetEnabledAsync(Guid id, bool enabled, AuditActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, enabled ? WebhookAuditActions.Enabled : WebhookAuditActions.Disabled, s =>
        {
            if (enabled)
            {
                s.Enable(clock);
                return $"Enabled webhook \"{s.Name}\"";
            }
            s.Disable($"Disabled by {actor.Name}", clock);
            return $"Disabled webhook \"{s.Name}\"";
        }, cancellationToken);

    /// <summary>A new secret; the old one keeps signing beside it for <paramref name="overlap"/>. Returns the new secret.</summary>
    [Requires(Permission.ManageWebhooks)]
    public async Task<string> RotateSecretAsync(Guid id, TimeSpan overlap, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageWebhooks);
        string secret = "";
        await ChangeAsync(id, actor, WebhookAuditActions.SecretRotated, s =>
        {
            secret = s.RotateSecret(overlap, clock);
            return overlap > TimeSpan.Zero
                ? $"Rotated the secret of webhook \"{s.Name}\"; the old one signs too until {s.PreviousSecretExpiresAt:u}"
                : $"Rotated the secret of webhook \"{s.Name}\"; the old one stopped signing at once";
        }, cancellationToken);
        return secret;
    }

    /// <summary>Queues a <c>webhook.test</c> event for this subscription alone; it shows in the log like any other.</summary>
    [Requires(Permission.ManageWebhooks)]
    public async Task SendTestAsync(Guid id, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageWebhooks);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.DemandCurrentAsync(scope, Permission.ManageWebhooks, cancellationToken);
            var subscription = await db.Set<WebhookSubscription>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotFound();
            var now = clock.GetUtcNow();
            var test = WebhookEvent.Create(subscription.TeamId, WebhookEventTypes.Test,
                JsonSerializer.Serialize(new { subscriptionId = subscription.Id, message = "A test event from Outreach Console.", sentBy = actor.Name }, Json), now);
            db.Add(test);
            Audit(db, actor, WebhookAuditActions.TestSent, $"Sent a test event to webhook \"{subscription.Name}\"", subscription);
            await db.SaveChangesAsync(cancellationToken);
            // The test goes to this subscription only, so it is fanned out here rather than by type.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE webhook_events SET fanned_out = true WHERE id = {test.Id};
                INSERT INTO webhook_deliveries (id, team_id, subscription_id, event_id, event_seq, state, attempts, next_attempt_at, first_due_at, created_at)
                SELECT {Guid.CreateVersion7(now)}, team_id, {subscription.Id}, id, seq, 'Pending', 0, {now}, {now}, {now} FROM webhook_events WHERE id = {test.Id}
                """, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        dispatcher.Wake();
        await PublishAsync(id, cancellationToken);
    }

    /// <summary>The subscription's attempts, newest first: request, status, body excerpt, duration, attempt number.</summary>
    [Requires(Permission.ManageWebhooks)]
    public async Task<WebhookLogPage> LogAsync(Guid id, int skip, int take, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageWebhooks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attempts = db.Set<WebhookAttempt>().AsNoTracking().Where(a => a.SubscriptionId == id);
        var total = await attempts.CountAsync(cancellationToken);
        var rows = await attempts.OrderByDescending(a => a.AttemptedAt).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))
            .Join(db.Set<WebhookDelivery>(), a => a.DeliveryId, d => d.Id, (a, d) => new { a, d })
            .Join(db.Set<WebhookEvent>(), x => x.d.EventId, e => e.Id, (x, e) => new
            {
                x.a.Id, x.a.DeliveryId, EventId = e.Id, e.Type, x.a.Attempt, x.a.AttemptedAt, x.a.DurationMs, x.a.StatusCode, x.a.Succeeded,
                x.a.ResponseExcerpt, x.a.Error, x.a.Request, x.d.State,
            })
            .ToListAsync(cancellationToken);
        return new WebhookLogPage(rows
            .OrderByDescending(r => r.AttemptedAt).ThenByDescending(r => r.Id)
            .Select(r => new WebhookAttemptRow(r.Id, r.DeliveryId, WebhookPayload.WebhookId(r.EventId), r.Type, r.Attempt, r.AttemptedAt, r.DurationMs,
                r.StatusCode, r.Succeeded, r.ResponseExcerpt, r.Error, r.Request, r.State))
            .ToList(), total);
    }

    /// <summary>Sends one delivery again, under its original webhook-id.</summary>
    [Requires(Permission.ManageWebhooks)]
    public Task<int> ReplayAsync(Guid subscriptionId, Guid deliveryId, AuditActor actor, CancellationToken cancellationToken) =>
        ReplayWhereAsync(subscriptionId, actor, "one delivery", deliveryId, null, null, cancellationToken);

    /// <summary>Sends again every delivery of the subscription created in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    [Requires(Permission.ManageWebhooks)]
    public Task<int> ReplayRangeAsync(Guid subscriptionId, DateTimeOffset from, DateTimeOffset to, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageWebhooks);
        if (to <= from)
        {
            throw new DomainException("The end of the range must come after its start.");
        }
        if (to - from > TimeSpan.FromDays(31))
        {
            throw new DomainException("Replay at most 31 days at a time.");
        }
        return ReplayWhereAsync(subscriptionId, actor, $"deliveries from {from:u} to {to:u}", null, from.ToUniversalTime(), to.ToUniversalTime(), cancellationToken);
    }

    private async Task<int> ReplayWhereAsync(Guid subscriptionId, AuditActor actor, string what, Guid? deliveryId, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        int replayed;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.DemandCurrentAsync(scope, Permission.ManageWebhooks, cancellationToken);
            var subscription = await db.Set<WebhookSubscription>().SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken) ?? throw NotFound();
            replayed = await db.Database.ExecuteSqlRawAsync(WebhookSql.Replay,
            [
                new NpgsqlParameter("subscription_id", subscriptionId),
                new NpgsqlParameter("now", clock.GetUtcNow()),
                new NpgsqlParameter("delivery_id", NpgsqlDbType.Uuid) { Value = (object?)deliveryId ?? DBNull.Value },
                new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)from ?? DBNull.Value },
                new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)to ?? DBNull.Value },
            ], cancellationToken);
            Audit(db, actor, WebhookAuditActions.Replayed, $"Replayed {replayed} {(replayed == 1 ? "delivery" : "deliveries")} ({what}) of webhook \"{subscription.Name}\"", subscription);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        dispatcher.Wake();
        await PublishAsync(subscriptionId, cancellationToken);
        return replayed;
    }

    private async Task ChangeAsync(Guid id, AuditActor actor, string action, Func<WebhookSubscription, string> change, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.DemandCurrentAsync(scope, Permission.ManageWebhooks, cancellationToken);
            var subscription = await db.Set<WebhookSubscription>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotFound();
            var summary = change(subscription);
            Audit(db, actor, action, summary, subscription);
            await db.SaveChangesAsync(cancellationToken);
        }
        await PublishAsync(id, cancellationToken);
    }

    private string CheckAddress(string url)
    {
        var valid = WebhookSubscription.ValidateUrl(url);
        if (!options.Value.AllowPrivateNetworks && WebhookNetworkPolicy.IsPrivateLiteral(valid))
        {
            throw new DomainException("Webhooks cannot be sent to private, loopback or link-local addresses; use the receiver's public address.");
        }
        return valid;
    }

    private void Audit(OutreachDbContext db, AuditActor actor, string action, string summary, WebhookSubscription subscription) =>
        db.AuditEntries.Add(AuditEntry.Record(scope.RequireTeamId(), actor, action, summary,
            JsonSerializer.Serialize(new { subscriptionId = subscription.Id, subscription.Url, subscription.EventTypes }, Json), clock.GetUtcNow()));

    private Task PublishAsync(Guid id, CancellationToken cancellationToken) =>
        events.PublishAsync(new LiveEvent(scope.RequireTeamId(), WebhookAuditActions.LiveKind,
            new Dictionary<string, string?> { ["subscriptionId"] = id.ToString() }, clock.GetUtcNow()), cancellationToken);

    private static DomainException NotFound() => new("This webhook does not exist.");
}
