using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Automation;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Automation;

/// <summary>
/// Turns what prospects and campaigns do into pending executions. A reply first cancels the prospect's
/// executions that a reply cancels, then schedules every enabled rule whose trigger matches and whose
/// conditions hold; a campaign batch schedules the rules of the steps it sent. The domain decides
/// (<see cref="RuleDefinition.Schedule"/>); the unique indexes make a repeated event schedule nothing twice
/// and keep once-only rules once per conversation.
/// </summary>
public sealed class FollowUpScheduler(TenantDatabase tenantDatabase, ILiveEventPublisher events, TimeProvider clock, ILogger<FollowUpScheduler> logger)
{
    /// <summary>How long a node keeps a team's enabled rules; a change on this node is seen at once (<see cref="Forget"/>).</summary>
    public static readonly TimeSpan RulesLifetime = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Guid, (IReadOnlyList<(Guid Id, RuleDefinition Definition)> Rules, DateTimeOffset Expires)> _rules = new();

    /// <summary>The team's rules changed: read them again on the next event.</summary>
    public void Forget(Guid teamId) => _rules.TryRemove(teamId, out _);

    /// <summary>
    /// A reply is being recorded: cancel what it cancels, then schedule what it triggers, on the connection (and in
    /// the transaction) of the reply itself, so that the two commit together. It costs one round trip (the
    /// cancellation, with the facts when a rule may apply) and one more only when something is scheduled; the
    /// rules come from memory. Returns how many executions it cancelled or scheduled; the caller publishes
    /// <see cref="PublishChangedAsync"/> after its commit.
    /// </summary>
    public async Task<int> OnReplyAsync(NpgsqlConnection connection, Guid teamId, RuleEvent.ReplyReceived reply, CancellationToken cancellationToken)
    {
        var optOut = reply.Kind == ReplyKind.OptOut;
        // An opt-out starts nothing: no rule may message the prospect again, and there is nothing to follow up.
        var rules = optOut ? [] : (await EnabledRulesAsync(connection, teamId, cancellationToken)).Where(r => r.Definition.Trigger.Matches(reply)).ToList();

        await using var batch = new NpgsqlBatch(connection);
        var cancel = new NpgsqlBatchCommand(AutomationSql.CancelOnReply);
        cancel.Parameters.AddWithValue("prospect", reply.ProspectId);
        cancel.Parameters.AddWithValue("all", optOut);
        cancel.Parameters.AddWithValue("reason", optOut ? "Cancelled: the prospect opted out." : "Cancelled: the prospect replied.");
        batch.BatchCommands.Add(cancel);
        if (rules.Count > 0)
        {
            batch.BatchCommands.Add(FactsCommand([reply.ConversationId]));
        }
        Dictionary<Guid, ConversationFacts> facts;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // The cancellation returns no rows, so the reader starts on the facts.
            facts = rules.Count > 0 ? await ReadFactsAsync(reader, cancellationToken) : [];
        }
        var cancelled = cancel.RecordsAffected;
        var scheduled = await ScheduleAsync(connection, rules, [reply], facts, cancellationToken);
        if (cancelled + scheduled > 0)
        {
            logger.LogDebug("A reply of prospect {ProspectId} cancelled {Cancelled} and scheduled {Scheduled} follow-ups", reply.ProspectId, cancelled, scheduled);
        }
        return cancelled + scheduled;
    }

    /// <summary>Campaign steps were queued (one batch of the engine, possibly several teams).</summary>
    public async Task OnStepsSentAsync(IReadOnlyCollection<(Guid TeamId, RuleEvent.StepSent Step)> sent, CancellationToken cancellationToken)
    {
        foreach (var team in sent.GroupBy(s => s.TeamId))
        {
            var steps = team.Select(s => (RuleEvent)s.Step).ToList();
            await using var connection = await tenantDatabase.OpenConnectionAsync(TenantScope.ForTeam(team.Key), cancellationToken);
            var rules = (await EnabledRulesAsync(connection, team.Key, cancellationToken)).Where(r => steps.Any(r.Definition.Trigger.Matches)).ToList();
            if (rules.Count == 0)
            {
                continue;
            }
            var facts = await ReadFactsAsync(connection, steps.Select(e => e.ConversationId).Distinct().ToArray(), cancellationToken);
            if (await ScheduleAsync(connection, rules, steps, facts, cancellationToken) > 0)
            {
                await PublishAsync(team.Key, cancellationToken);
            }
        }
    }

    /// <summary>A person of the team answered the conversation: "not answered" executions are moot.</summary>
    public async Task OnHumanReplyAsync(Guid teamId, Guid conversationId, string by, CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(TenantScope.ForTeam(teamId), cancellationToken);
        await using var command = new NpgsqlCommand(AutomationSql.CancelAnswered, connection);
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("reason", $"Cancelled: {by} answered.");
        if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
        {
            await PublishAsync(teamId, cancellationToken);
        }
    }

    private static async Task<int> ScheduleAsync(
        NpgsqlConnection connection, IReadOnlyList<(Guid Id, RuleDefinition Definition)> rules, IReadOnlyList<RuleEvent> happened,
        IReadOnlyDictionary<Guid, ConversationFacts> facts, CancellationToken cancellationToken)
    {
        var plans = new List<(Guid Rule, RuleEvent Event, bool Once, bool Cancel, DateTimeOffset Due)>();
        foreach (var e in happened)
        {
            if (!facts.TryGetValue(e.ConversationId, out var known))
            {
                continue;
            }
            foreach (var (id, definition) in rules)
            {
                if (definition.Schedule(e, known) is { } due)
                {
                    plans.Add((id, e, !definition.RepeatPerConversation, definition.CancelOnReply, due));
                }
            }
        }
        if (plans.Count == 0)
        {
            return 0;
        }
        await using var command = new NpgsqlCommand(AutomationSql.Schedule, connection);
        command.Parameters.AddWithValue("rules", NpgsqlDbType.Array | NpgsqlDbType.Uuid, plans.Select(p => p.Rule).ToArray());
        command.Parameters.AddWithValue("conversations", NpgsqlDbType.Array | NpgsqlDbType.Uuid, plans.Select(p => p.Event.ConversationId).ToArray());
        command.Parameters.AddWithValue("prospects", NpgsqlDbType.Array | NpgsqlDbType.Uuid, plans.Select(p => p.Event.ProspectId).ToArray());
        command.Parameters.AddWithValue("keys", NpgsqlDbType.Array | NpgsqlDbType.Varchar, plans.Select(p => p.Event.Key).ToArray());
        command.Parameters.AddWithValue("once", NpgsqlDbType.Array | NpgsqlDbType.Boolean, plans.Select(p => p.Once).ToArray());
        command.Parameters.AddWithValue("cancel", NpgsqlDbType.Array | NpgsqlDbType.Boolean, plans.Select(p => p.Cancel).ToArray());
        command.Parameters.AddWithValue("triggered", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, plans.Select(p => p.Event.At).ToArray());
        command.Parameters.AddWithValue("due", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, plans.Select(p => p.Due).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<(Guid Id, RuleDefinition Definition)>> EnabledRulesAsync(NpgsqlConnection connection, Guid teamId, CancellationToken cancellationToken)
    {
        if (_rules.TryGetValue(teamId, out var cached) && cached.Expires > clock.GetUtcNow())
        {
            return cached.Rules;
        }
        await using var command = new NpgsqlCommand("SELECT id, definition::text FROM follow_up_rules WHERE team_id = app_current_team() AND is_enabled", connection);
        var rules = new List<(Guid, RuleDefinition)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rules.Add((reader.GetGuid(0), RuleDefinition.FromJson(reader.GetString(1))));
            }
        }
        _rules[teamId] = (rules, clock.GetUtcNow() + RulesLifetime);
        return rules;
    }

    /// <summary>The facts of each conversation, by id (a deleted conversation is simply missing).</summary>
    internal static async Task<Dictionary<Guid, ConversationFacts>> ReadFactsAsync(NpgsqlConnection connection, Guid[] conversationIds, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { FactsCommand(conversationIds) } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadFactsAsync(reader, cancellationToken);
    }

    private static NpgsqlBatchCommand FactsCommand(Guid[] conversationIds)
    {
        var command = new NpgsqlBatchCommand(AutomationSql.Facts);
        command.Parameters.AddWithValue("ids", conversationIds);
        return command;
    }

    private static async Task<Dictionary<Guid, ConversationFacts>> ReadFactsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<Guid, ConversationFacts>();
        while (await reader.ReadAsync(cancellationToken))
        {
            facts[reader.GetGuid(0)] = new ConversationFacts(
                Enum.Parse<InboxBucket>(reader.GetString(1)),
                Enum.Parse<LeadPriority>(reader.GetString(2)),
                reader.GetFieldValue<string[]>(3),
                reader.GetInt32(4),
                reader.GetBoolean(5),
                reader.GetFieldValue<Guid[]>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8))
            {
                Status = Enum.Parse<ConversationStatus>(reader.GetString(9)),
                SnoozedUntil = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
            };
        }
        return facts;
    }

    /// <summary>Tells the team's open pages that executions changed.</summary>
    public Task PublishChangedAsync(Guid teamId, CancellationToken cancellationToken) => PublishAsync(teamId, cancellationToken);

    private Task PublishAsync(Guid teamId, CancellationToken cancellationToken) =>
        events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.ExecutionsChanged, new Dictionary<string, string?>(), clock.GetUtcNow()), cancellationToken);
}
