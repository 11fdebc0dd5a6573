using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Common;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Inbox;

/// <summary>
/// Triage: assignment, buckets, snooze, done, labels and replies, on one conversation or a selection.
/// Each change is one statement that updates the conversations that actually change and records a
/// <see cref="ConversationEvent"/> for each, then a live event tells every open inbox of the team.
/// </summary>
public sealed class InboxActions(
    TenantScope scope,
    TenantDatabase tenantDatabase,
    OutboundQueue queue,
    InboxCountCache countCache,
    ILiveEventPublisher events,
    TimeProvider clock)
{
    public const int MaxSelection = 5_000;

    [Requires(Permission.WorkInbox)]
    public Task<int> MoveAsync(InboxActor actor, IReadOnlyCollection<Guid> ids, InboxBucket bucket, string? reason, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkInbox);
        return ChangeAsync(actor, ids, new Change(
            ConversationEventKind.Moved,
            Set: "bucket = @to",
            From: "old.bucket",
            When: "old.bucket <> @to",
            To: bucket.ToString()), reason, "moved", cancellationToken);
    }

    /// <summary>Assigns to a member, or unassigns with <paramref name="assigneeId"/> null.</summary>
    [Requires(Permission.WorkInbox)]
    public async Task<int> AssignAsync(InboxActor actor, IReadOnlyCollection<Guid> ids, Guid? assigneeId, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkInbox);
        if (assigneeId is not { } assignee)
        {
            return await ChangeAsync(actor, ids, new Change(
                ConversationEventKind.Unassigned,
                Set: "assignee_id = NULL",
                From: "(SELECT display_name FROM users WHERE id = old.assignee_id)",
                When: "old.assignee_id IS NOT NULL",
                To: null), null, "unassigned", cancellationToken);
        }
        var name = await MemberNameAsync(assignee, cancellationToken)
            ?? throw new DomainException("Conversations can only be assigned to active members of the team.");
        return await ChangeAsync(actor, ids, new Change(
            ConversationEventKind.Assigned,
            Set: "assignee_id = @assignee",
            From: "(SELECT display_name FROM users WHERE id = old.assignee_id)",
            When: "old.assignee_id IS DISTINCT FROM @assignee",
            To: name,
            Parameters: [("assignee", assignee)]), null, "assigned", cancellationToken);
    }

    [Requires(Permission.WorkInbox)]
    public Task<int> SnoozeAsync(InboxActor actor, IReadOnlyCollection<Guid> ids, DateTimeOffset until, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkInbox);
        until = Snooze.Validate(until, clock.GetUtcNow()).ToUniversalTime();
        return ChangeAsync(actor, ids, new Change(
            ConversationEventKind.Snoozed,
            Set: "status = 'Snoozed', snoozed_until = @until",
            From: "old.status",
            When: "true",
            To: until.UtcDateTime.ToString(ConversationEvent.SnoozedUntilFormat, CultureInfo.InvariantCulture),
            Parameters: [("until", until)]), null, "snoozed", cancellationToken);
    }

    [Requires(Permission.WorkInbox)]
    public Task<int> MarkDoneAsync(InboxActor actor, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkInbox);
        return ChangeAsync(actor, ids, new Change(
            ConversationEventKind.Done,
            Set: "status = 'Done', snoozed_until = NULL, unread_count = 0",
            From: "old.status",
            When: "old.status <> 'Done'",
            To: nameof(ConversationStatus.Done)), null, "done", cancellationToken);
    }

    [Requires(Permission.WorkInbox)]
    public Task<int> ReopenAsync(InboxActor actor, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkInbox);
        return ChangeAsync(actor, ids, new Change(
            ConversationEventKind.Reopened,
            Set: "status = 'Open', snoozed_until = NULL",
            From: "old.status",
            When: "old.status <> 'Open'",
            To: nameof(ConversationStatus.Open)), null, "reopened", cancellationToken);
    }

    [Requires(Permission.WorkInbox)]
    public Task<int> AddLabelAsync(InboxActor actor, IReadOnlyCollection<Guid> ids, string label, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkInbox);
        return ChangeAsync(actor, ids, new Change(
            ConversationEventKind.Labeled,
            Set: "labels = array_append(c.labels, @label)",
            From: "NULL",
            When: $"NOT (@label = ANY(old.labels)) AND cardinality(old.labels) < {InboxLabels.MaxPerConversation}",
            To: InboxLabels.Normalize(label),
            Parameters: [("label", InboxLabels.Normalize(label))]), null, "labeled", cancellationToken);
    }

    [Requires(Permission.WorkInbox)]
    public Task<int> RemoveLabelAsync(InboxActor actor, IReadOnlyCollection<Guid> ids, string label, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkInbox);
        return ChangeAsync(actor, ids, new Change(
            ConversationEventKind.Unlabeled,
            Set: "labels = array_remove(c.labels, @label)",
            From: "@label",
            When: "@label = ANY(old.labels)",
            To: null,
            Parameters: [("label", InboxLabels.Normalize(label))]), null, "unlabeled", cancellationToken);
    }

    /// <summary>An agent opening a conversation reads it. Not a triage change: nothing is recorded, but the unread badges move.</summary>
    [Requires(Permission.SeeTeam)]
    public async Task MarkReadAsync(InboxActor actor, Guid conversationId, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.SeeTeam);
        // Unread is the team's shared state: a viewer looking in must not clear it for the people who answer.
        if (scope.Caller is { } caller && !Permissions.Allows(Permission.WorkInbox, caller.Role, caller.IsInstallationAdmin))
        {
            return;
        }
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE conversations SET unread_count = 0 WHERE id = @id AND unread_count > 0", connection);
        command.Parameters.AddWithValue("id", conversationId);
        if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
        {
            await PublishAsync(scope.RequireTeamId(), [conversationId], "read", null, cancellationToken);
        }
    }

    /// <summary>
    /// Sends a human reply through the outbound queue (so every guardrail applies) and, when nobody owns the
    /// conversation yet, makes the person who answered its owner.
    /// </summary>
    [Requires(Permission.WorkInbox)]
    public async Task<QueueResult> ReplyAsync(InboxActor actor, Guid conversationId, string body, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkInbox);
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new DomainException("Write a message first.");
        }
        Guid prospectId;
        Guid? assignee;
        await using (var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken))
        {
            await using var command = new NpgsqlCommand("SELECT prospect_id, assignee_id FROM conversations WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", conversationId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new DomainException("This conversation no longer exists.");
            }
            prospectId = reader.GetGuid(0);
            assignee = reader.IsDBNull(1) ? null : reader.GetGuid(1);
        }
        var result = await queue.SendAsync(
            new OutboundRequest(prospectId, body.Trim(), MessageSource.Manual, SentByUserId: actor.UserId, SentByName: actor.Name)
            {
                ConversationId = conversationId,
            }, cancellationToken);
        if (!result.IsQueued)
        {
            return result;
        }
        // Whoever answers an unowned conversation owns it, unless a colleague took it meanwhile.
        var claimed = assignee is null && await ChangeAsync(actor, [conversationId], new Change(
            ConversationEventKind.Assigned,
            Set: "assignee_id = @assignee",
            From: "NULL",
            When: "old.assignee_id IS NULL",
            To: actor.Name,
            Parameters: [("assignee", actor.UserId)]), "Answered the conversation", "assigned", cancellationToken) > 0;
        if (!claimed)
        {
            await PublishAsync(scope.RequireTeamId(), [conversationId], "replied", actor.UserId, cancellationToken);
        }
        return result;
    }

    /// <summary>Brings back every snoozed conversation whose time has come, in every team (the snooze job calls it).</summary>
    public static async Task<IReadOnlyList<(Guid TeamId, Guid ConversationId)>> ReturnSnoozedAsync(
        NpgsqlDataSource ownerDatabase, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await ownerDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            WITH due AS (
                SELECT id FROM conversations WHERE status = 'Snoozed' AND snoozed_until <= @now
                ORDER BY snoozed_until LIMIT 5000 FOR UPDATE SKIP LOCKED
            ),
            returned AS (
                UPDATE conversations c SET status = 'Open', snoozed_until = NULL
                FROM due WHERE c.id = due.id
                RETURNING c.id, c.team_id
            ),
            recorded AS (
                INSERT INTO conversation_events (id, team_id, conversation_id, kind, from_value, to_value, actor_name, occurred_at)
                SELECT gen_random_uuid(), team_id, id, 'Returned', 'Snoozed', 'Open', 'Snooze', @now FROM returned
            )
            SELECT team_id, id FROM returned
            """, connection);
        command.Parameters.AddWithValue("now", now);
        var returned = new List<(Guid, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            returned.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }
        return returned;
    }

    private async Task<string?> MemberNameAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.user_id = @user AND m.team_id = app_current_team() AND m.is_active
            """, connection);
        command.Parameters.AddWithValue("user", userId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private async Task<int> ChangeAsync(
        InboxActor actor, IReadOnlyCollection<Guid> ids, Change change, string? reason, string action, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkInbox);
        if (ids.Count == 0)
        {
            return 0;
        }
        if (ids.Count > MaxSelection)
        {
            throw new DomainException($"Select at most {MaxSelection:N0} conversations at a time.");
        }
        var trimmedReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmedReason?.Length > ConversationEvent.MaxReasonLength)
        {
            throw new DomainException($"A reason has at most {ConversationEvent.MaxReasonLength} characters.");
        }

        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand($"""
            WITH old AS (
                SELECT id, team_id, bucket, status, assignee_id, labels FROM conversations
                WHERE id = ANY(@ids) ORDER BY id FOR UPDATE
            ),
            changed AS (
                UPDATE conversations c SET {change.Set}
                FROM old
                WHERE c.id = old.id AND ({change.When})
                RETURNING c.id, old.team_id, ({change.From})::text AS from_value
            )
            INSERT INTO conversation_events (id, team_id, conversation_id, kind, from_value, to_value, reason, actor_id, actor_name, occurred_at)
            SELECT gen_random_uuid(), team_id, id, @kind, from_value, @to, @reason, @actor_id, @actor_name, @now FROM changed
            RETURNING conversation_id
            """, connection);
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, ids.ToArray());
        command.Parameters.AddWithValue("kind", change.Kind.ToString());
        command.Parameters.AddWithValue("to", NpgsqlDbType.Varchar, (object?)change.To ?? DBNull.Value);
        command.Parameters.AddWithValue("reason", NpgsqlDbType.Varchar, (object?)trimmedReason ?? DBNull.Value);
        command.Parameters.AddWithValue("actor_id", actor.UserId);
        command.Parameters.AddWithValue("actor_name", actor.Name);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        foreach (var (name, value) in change.Parameters ?? [])
        {
            command.Parameters.AddWithValue(name, value);
        }
        var changed = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                changed.Add(reader.GetGuid(0));
            }
        }
        if (changed.Count > 0)
        {
            await PublishAsync(scope.RequireTeamId(), changed, action, actor.UserId, cancellationToken);
        }
        return changed.Count;
    }

    private Task PublishAsync(Guid teamId, IReadOnlyCollection<Guid> ids, string action, Guid? by, CancellationToken cancellationToken)
    {
        countCache.Forget(teamId);
        return PublishChangedAsync(events, teamId, ids, action, by, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Tells the team's open inboxes which conversations changed (only the count when the selection was large).</summary>
    public static Task PublishChangedAsync(
        ILiveEventPublisher events, Guid teamId, IReadOnlyCollection<Guid> ids, string action, Guid? by, DateTimeOffset at, CancellationToken cancellationToken) =>
        events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.ConversationsChanged, new Dictionary<string, string?>
        {
            ["action"] = action,
            ["by"] = by?.ToString(),
            ["count"] = ids.Count.ToString(CultureInfo.InvariantCulture),
            ["ids"] = ids.Count <= 50 ? string.Join(',', ids) : null,
        }, at), cancellationToken);

    /// <param name="Set">The SET list of the update.</param>
    /// <param name="From">The value before, as SQL over the locked row <c>old</c>.</param>
    /// <param name="When">Which rows actually change; the others are left alone and not recorded.</param>
    private sealed record Change(
        ConversationEventKind Kind, string Set, string From, string When, string? To, (string Name, object Value)[]? Parameters = null);
}
