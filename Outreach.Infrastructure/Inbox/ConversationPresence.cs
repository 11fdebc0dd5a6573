using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Inbox;

/// <summary>
/// Who has a conversation open right now, across every node: each open pane is a row refreshed by a
/// heartbeat, and a live event tells the other panes to look again when someone arrives or leaves. A node
/// that dies leaves rows behind that simply stop counting once their heartbeat is too old.
/// </summary>
public sealed class ConversationPresence(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantScope scope,
    TenantDatabase tenantDatabase,
    ILiveEventPublisher events,
    TimeProvider clock)
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Expiry = Heartbeat * 3;

    /// <summary>This pane now shows <paramref name="conversationId"/> (or nothing, when null).</summary>
    [Requires(Permission.SeeTeam)]
    public async Task ViewAsync(Guid viewerId, Guid? conversationId, Guid userId, string userName, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.SeeTeam);
        var teamId = scope.RequireTeamId();
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand(conversationId is null
            ? "DELETE FROM conversation_viewers WHERE viewer_id = @viewer RETURNING conversation_id"
            : """
              WITH before AS (SELECT conversation_id FROM conversation_viewers WHERE viewer_id = @viewer),
              upserted AS (
                  INSERT INTO conversation_viewers (viewer_id, team_id, conversation_id, user_id, user_name, seen_at)
                  VALUES (@viewer, app_current_team(), @conversation, @user, @name, @now)
                  ON CONFLICT (viewer_id) DO UPDATE SET conversation_id = excluded.conversation_id, seen_at = excluded.seen_at
              )
              SELECT conversation_id FROM before
              """, connection);
        command.Parameters.AddWithValue("viewer", viewerId);
        if (conversationId is { } id)
        {
            command.Parameters.AddWithValue("conversation", id);
            command.Parameters.AddWithValue("user", userId);
            command.Parameters.AddWithValue("name", userName);
            command.Parameters.AddWithValue("now", clock.GetUtcNow());
        }
        var previous = await command.ExecuteScalarAsync(cancellationToken) as Guid?;
        if (previous != conversationId)
        {
            await events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.PresenceChanged, new Dictionary<string, string?>
            {
                ["left"] = previous?.ToString(),
                ["joined"] = conversationId?.ToString(),
            }, clock.GetUtcNow()), cancellationToken);
        }
    }

    [Requires(Permission.SeeTeam)]
    public async Task HeartbeatAsync(Guid viewerId, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.SeeTeam);
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE conversation_viewers SET seen_at = @now WHERE viewer_id = @viewer", connection);
        command.Parameters.AddWithValue("viewer", viewerId);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The other people looking at the conversation, each once however many tabs they have open.</summary>
    [ReadOnly]
    public async Task<IReadOnlyList<string>> OthersViewingAsync(Guid conversationId, Guid exceptUserId, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - Expiry;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ConversationViewer>().AsNoTracking()
            .Where(v => v.ConversationId == conversationId && v.UserId != exceptUserId && v.SeenAt >= since)
            .Select(v => v.UserName).Distinct().OrderBy(n => n)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Forgets panes whose node stopped beating long ago (the snooze job calls it).</summary>
    public static async Task<int> SweepAsync(NpgsqlDataSource ownerDatabase, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await ownerDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM conversation_viewers WHERE seen_at < @before", connection);
        command.Parameters.AddWithValue("before", now - Expiry * 4);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
