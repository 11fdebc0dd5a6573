using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Common;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Guardrails;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Messaging.Queue;

/// <summary>
/// Queues an SMS to a prospect: the guardrails decide first, then one transaction picks the sending number
/// (the conversation's, or a local-looking one from the team's pool), reserves its next pacing slot, opens
/// or reuses the conversation and inserts the message. The idempotency key makes a repeated request return
/// the message it already queued.
/// </summary>
public sealed class OutboundQueue(
    TenantDatabase tenantDatabase,
    TenantScope scope,
    GuardrailService guardrails,
    OutboundDispatcher dispatcher,
    ILiveEventPublisher events,
    Automation.FollowUpScheduler followUps,
    IOptions<QueueOptions> options,
    TimeProvider clock,
    ILogger<OutboundQueue> logger)
{
    [Requires(Permission.SendMessages)]
    public async Task<QueueResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.SendMessages);
        var teamId = scope.RequireTeamId();
        var body = (request.Body ?? string.Empty).Trim();
        if (body.Length == 0 || body.Length > Message.MaxBodyLength)
        {
            throw new DomainException($"A message needs 1 to {Message.MaxBodyLength} characters.");
        }

        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        var recipient = await ReadRecipientAsync(connection, request.ProspectId, cancellationToken)
            ?? throw new DomainException("This prospect does not exist.");
        if (recipient.Phone is null)
        {
            throw new DomainException("This prospect has no valid phone number.");
        }

        if (request.IdempotencyKey is { } key && await FindByKeyAsync(connection, key, cancellationToken) is { } existing)
        {
            // Already queued (a retry, a restarted campaign pump): the guardrails judged it then; asking again
            // now would count the message against itself (duplicate content, frequency).
            return existing;
        }
        var check = new SendCheck(recipient.Phone, request.ProspectId, recipient.TimeZone, request.Source)
        {
            // A person may deliberately repeat themselves; automation may not.
            Body = request.Source is MessageSource.Manual or MessageSource.System ? null : body,
            // Spend the caller reserved already (the campaign engine, per batch) is neither checked nor reserved again.
            EstimatedCost = request.SpendReserved ? 0 : request.EstimatedCost,
            Campaign = request.Campaign,
        };
        var decision = await guardrails.CheckAsync(connection, check, cancellationToken);
        if (decision.Outcome == GuardrailOutcome.Block)
        {
            return QueueResult.Blocked(decision);
        }
        if (decision.Outcome == GuardrailOutcome.Defer && request.DeferToCaller)
        {
            return QueueResult.Deferred(decision);
        }
        var notBefore = decision.Outcome == GuardrailOutcome.Defer ? decision.DeferUntil ?? clock.GetUtcNow() : clock.GetUtcNow();

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(EnqueueSql, connection, transaction);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7(clock.GetUtcNow()));
        command.Parameters.AddWithValue("conversation_id", Guid.CreateVersion7(clock.GetUtcNow()));
        command.Parameters.AddWithValue("prospect", request.ProspectId);
        command.Parameters.AddWithValue("conversation", NpgsqlTypes.NpgsqlDbType.Uuid, (object?)request.ConversationId ?? DBNull.Value);
        command.Parameters.AddWithValue("to", recipient.Phone);
        command.Parameters.AddWithValue("state", (object?)recipient.State ?? DBNull.Value);
        command.Parameters.AddWithValue("body", body);
        command.Parameters.AddWithValue("preview", Domain.Inbox.Conversation.Preview(body));
        command.Parameters.AddWithValue("source", request.Source.ToString());
        command.Parameters.AddWithValue("key", request.IdempotencyKey ?? Guid.NewGuid().ToString("N"));
        command.Parameters.AddWithValue("user_id", NpgsqlDbType.Uuid, (object?)request.SentByUserId ?? DBNull.Value);
        command.Parameters.AddWithValue("user_name", NpgsqlDbType.Varchar, (object?)request.SentByName ?? DBNull.Value);
        command.Parameters.AddWithValue("not_before", notBefore);
        command.Parameters.AddWithValue("pacing", TimeSpan.FromMilliseconds(options.Value.PacingMilliseconds));
        command.Parameters.AddWithValue("segments", Math.Max(1, SmsSegments.Measure(body).Segments));
        command.Parameters.AddWithValue("campaign", NpgsqlDbType.Uuid, (object?)request.Campaign?.CampaignId ?? DBNull.Value);
        command.Parameters.AddWithValue("step", NpgsqlDbType.Integer, (object?)request.Campaign?.Step ?? DBNull.Value);
        command.Parameters.AddWithValue("reserved", NpgsqlDbType.Numeric, request.EstimatedCost > 0 ? request.EstimatedCost : DBNull.Value);

        command.Parameters.AddWithValue("pool", NpgsqlDbType.Array | NpgsqlDbType.Uuid, request.NumberPool is { Count: > 0 } pool ? pool.ToArray() : DBNull.Value);
        // Prepared: each pooled connection plans the statement once instead of on every message.
        await command.PrepareAsync(cancellationToken);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                await reader.CloseAsync();
                await transaction.RollbackAsync(cancellationToken);
                await guardrails.ReleaseAsync(connection, check, cancellationToken);
                return QueueResult.Blocked(new GuardrailDecision(GuardrailOutcome.Block, GuardrailReason.NoSendingNumber,
                    "The team has no active sending number. Add one under Settings → Numbers.", null));
            }
            var messageId = reader.GetGuid(0);
            var conversationId = reader.GetGuid(1);
            var scheduledFor = reader.GetFieldValue<DateTimeOffset>(2);
            var created = reader.GetBoolean(3);
            await reader.CloseAsync();
            await transaction.CommitAsync(cancellationToken);
            if (!created)
            {
                // The key was queued before (a retry, or a restarted campaign pump): its spend is already reserved.
                await guardrails.ReleaseAsync(connection, check, cancellationToken);
            }
            if (created && scheduledFor > notBefore + TimeSpan.FromMinutes(1))
            {
                // The number's pacing put this message behind others: the sending hours must hold when it
                // actually leaves, not only now.
                var atSlot = await guardrails.CheckAsync(connection, new SendCheck(recipient.Phone, request.ProspectId, recipient.TimeZone, request.Source, At: scheduledFor) { Campaign = request.Campaign }, cancellationToken);
                if (atSlot.Outcome == GuardrailOutcome.Defer && atSlot.DeferUntil is { } until && until > scheduledFor)
                {
                    await using var defer = new NpgsqlCommand("UPDATE messages SET next_attempt_at = @until WHERE id = @id AND status = 'Queued'", connection);
                    defer.Parameters.AddWithValue("until", until);
                    defer.Parameters.AddWithValue("id", messageId);
                    await defer.ExecuteNonQueryAsync(cancellationToken);
                    (scheduledFor, decision) = (until, atSlot);
                }
            }
            if (created)
            {
                dispatcher.Wake();
                await events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.MessagesChanged, new Dictionary<string, string?>
                {
                    ["conversationId"] = conversationId.ToString(),
                    ["messageId"] = messageId.ToString(),
                }, clock.GetUtcNow()), cancellationToken);
                if (request.Source == MessageSource.Manual)
                {
                    await CancelUnansweredFollowUpsAsync(teamId, conversationId, request.SentByName, cancellationToken);
                }
            }
            return QueueResult.Queued(messageId, conversationId, scheduledFor, decision, duplicate: !created);
        }
    }

    /// <summary>
    /// A person answered: follow-ups waiting for nobody to answer are moot. The message is queued already, so a
    /// failure here must not look like a failed send (a retry would text the prospect twice); the executor checks
    /// the last human reply again before it acts anyway.
    /// </summary>
    private async Task CancelUnansweredFollowUpsAsync(Guid teamId, Guid conversationId, string? by, CancellationToken cancellationToken)
    {
        try
        {
            await followUps.OnHumanReplyAsync(teamId, conversationId, by ?? "a teammate", cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            logger.LogWarning(ex, "Could not cancel the unanswered-reply follow-ups of conversation {ConversationId}", conversationId);
        }
    }

    private static async Task<QueueResult?> FindByKeyAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, conversation_id, coalesce(next_attempt_at, created_at) FROM messages WHERE team_id = app_current_team() AND idempotency_key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? QueueResult.Queued(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), GuardrailDecision.Allowed, duplicate: true)
            : null;
    }

    private static async Task<Recipient?> ReadRecipientAsync(NpgsqlConnection connection, Guid prospectId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT phone, state, time_zone FROM prospects WHERE id = @id AND deleted_at IS NULL", connection);
        command.Parameters.AddWithValue("id", prospectId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Recipient(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    /// <summary>
    /// The conversation's number when there is one; otherwise the team's active number whose area code is
    /// in the recipient's state, else the least busy. Its pacing slot is reserved in the same statement.
    /// </summary>
    private const string EnqueueSql = """
        WITH existing AS (
            SELECT id FROM messages WHERE team_id = app_current_team() AND idempotency_key = @key
        ),
        known AS (
            SELECT c.id, c.sending_number_id FROM conversations c
            JOIN sending_numbers n ON n.id = c.sending_number_id AND n.is_active AND (@pool::uuid[] IS NULL OR n.id = ANY(@pool))
            WHERE c.prospect_id = @prospect
            -- A reply from the inbox goes back on the conversation it answers.
            ORDER BY (c.id = @conversation) IS TRUE DESC, c.last_message_at DESC NULLS LAST
            LIMIT 1
        ),
        chosen AS (
            SELECT coalesce((SELECT sending_number_id FROM known),
                   -- Concurrent senders skip a number another is reserving a slot on, instead of queueing behind it.
                   (SELECT n.id FROM sending_numbers n WHERE n.is_active AND (@pool::uuid[] IS NULL OR n.id = ANY(@pool))
                    ORDER BY (n.state IS NOT DISTINCT FROM @state) DESC, n.next_slot_at, n.id LIMIT 1 FOR UPDATE SKIP LOCKED),
                   (SELECT n.id FROM sending_numbers n WHERE n.is_active AND (@pool::uuid[] IS NULL OR n.id = ANY(@pool))
                    ORDER BY (n.state IS NOT DISTINCT FROM @state) DESC, n.next_slot_at, n.id LIMIT 1)) AS number_id
        ),
        slot AS (
            UPDATE sending_numbers n SET next_slot_at = greatest(n.next_slot_at, @not_before) + @pacing
            FROM chosen
            WHERE n.id = chosen.number_id AND NOT EXISTS (SELECT 1 FROM existing)
            RETURNING n.id, n.number, n.provider, n.next_slot_at - @pacing AS send_at
        ),
        conversation AS (
            INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority,
                                       unread_count, last_message_preview, last_message_at, last_outbound_at, created_at)
            SELECT @conversation_id, app_current_team(), @prospect, slot.id, @to, 'Open', 'Other', 'Cold', 0, @preview, now(), now(), now()
            FROM slot
            ON CONFLICT (team_id, prospect_id, sending_number_id) DO UPDATE
                SET last_message_preview = excluded.last_message_preview, last_message_at = excluded.last_message_at,
                    last_outbound_at = excluded.last_outbound_at, prospect_phone = excluded.prospect_phone,
                    -- A person answering is what the inbox waits for; automated sends leave the clock running.
                    waiting_since = CASE WHEN @source = 'Manual' THEN NULL ELSE conversations.waiting_since END,
                    unread_count = CASE WHEN @source = 'Manual' THEN 0 ELSE conversations.unread_count END
            RETURNING id
        ),
        inserted AS (
            INSERT INTO messages (id, team_id, conversation_id, direction, source, body, "from", "to", status, provider,
                                  idempotency_key, segments, attempts, next_attempt_at, sent_by_user_id, sent_by_name, created_at, status_updated_at,
                                  campaign_id, campaign_step, reserved_cost)
            SELECT @id, app_current_team(), conversation.id, 'Outbound', @source, @body, slot.number, @to, 'Queued', slot.provider,
                   @key, @segments, 0, slot.send_at, @user_id, @user_name, now(), now(), @campaign, @step, @reserved
            FROM slot, conversation
            RETURNING id, conversation_id, next_attempt_at
        )
        SELECT id, conversation_id, next_attempt_at, true FROM inserted
        UNION ALL
        SELECT m.id, m.conversation_id, coalesce(m.next_attempt_at, m.created_at), false FROM messages m JOIN existing e ON e.id = m.id
        """;

    private sealed record Recipient(string? Phone, string? State, string? TimeZone);
}

public sealed record OutboundRequest(
    Guid ProspectId,
    string Body,
    MessageSource Source,
    string? IdempotencyKey = null,
    Guid? SentByUserId = null,
    string? SentByName = null)
{
    /// <summary>The campaign step this message is for: counted, capped and budgeted as part of it.</summary>
    public CampaignSend? Campaign { get; init; }

    /// <summary>Spend reserved against the campaign's and the team's budgets before the message is queued.</summary>
    public decimal EstimatedCost { get; init; }

    /// <summary>The caller reserved <see cref="EstimatedCost"/> already and gives it back itself if nothing is queued.</summary>
    public bool SpendReserved { get; init; }

    /// <summary>Only these numbers may send it (a campaign's pool); null or empty for any of the team's.</summary>
    public IReadOnlyList<Guid>? NumberPool { get; init; }

    /// <summary>A deferred send is not queued but handed back, for callers (the campaign engine) that reschedule themselves.</summary>
    public bool DeferToCaller { get; init; }

    /// <summary>The conversation a reply answers: it goes out on that conversation's number while the number is active.</summary>
    public Guid? ConversationId { get; init; }
}

/// <summary>What happened to a send request: queued (perhaps deferred to a later moment), a repeat of one already queued, or blocked.</summary>
public sealed record QueueResult(bool IsQueued, Guid? MessageId, Guid? ConversationId, DateTimeOffset? ScheduledFor, GuardrailDecision Decision, bool Duplicate)
{
    public static QueueResult Queued(Guid messageId, Guid conversationId, DateTimeOffset scheduledFor, GuardrailDecision decision, bool duplicate) =>
        new(true, messageId, conversationId, scheduledFor, decision, duplicate);

    public static QueueResult Blocked(GuardrailDecision decision) => new(false, null, null, null, decision, false);

    public static QueueResult Deferred(GuardrailDecision decision) => new(false, null, null, decision.DeferUntil, decision, false);
}
