using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Automation;
using Outreach.Domain.Common;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Inbox;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Automation;

/// <summary>
/// Runs due follow-up executions of every team. Each is claimed with SKIP LOCKED and a lease, checked again
/// against its rule (still on, trigger still meaningful, conditions still true), then its actions run in order.
/// Progress is recorded per action: a send carries the key <c>followup:{execution}:{action}</c>, so a retry
/// finds the message queued before; every other action commits together with the step of progress it makes.
/// A run that dies half-way is claimed again when its lease ends and resumes after the last completed
/// action, so nothing is lost or done twice. Sends go through <see cref="OutboundQueue"/> and so through
/// every guardrail: a deferral (quiet hours, caps) reschedules the execution, a block skips it with the reason.
/// </summary>
public sealed class FollowUpExecutor(
    NpgsqlDataSource ownerDatabase,
    IServiceScopeFactory scopes,
    ILiveEventPublisher events,
    IOptions<AutomationOptions> options,
    IOptions<CampaignOptions> costs,
    TimeProvider clock,
    ILogger<FollowUpExecutor> logger)
{
    /// <summary>Runs batches until nothing is due or <paramref name="budget"/> has passed; returns the executions handled.</summary>
    public Task<int> PumpAsync(TimeSpan budget, CancellationToken cancellationToken) =>
        Jobs.Batches.WhileBusyAsync(PumpOnceAsync, budget, cancellationToken);

    public async Task<int> PumpOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        var touched = new HashSet<Guid>();
        foreach (var execution in claimed)
        {
            try
            {
                await RunAsync(execution, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await FailedAttemptAsync(execution, ex, cancellationToken);
            }
            touched.Add(execution.TeamId);
        }
        foreach (var team in touched)
        {
            await events.PublishAsync(new LiveEvent(team, LiveEventKinds.ExecutionsChanged, new Dictionary<string, string?>(), clock.GetUtcNow()), cancellationToken);
        }
        return claimed.Count;
    }

    private async Task<List<Claimed>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var command = ownerDatabase.CreateCommand(AutomationSql.Claim);
        command.Parameters.AddWithValue("batch", options.Value.BatchSize);
        command.Parameters.AddWithValue("lease", TimeSpan.FromSeconds(options.Value.LeaseSeconds));
        var list = new List<Claimed>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Claimed(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetGuid(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetString(8), reader.GetBoolean(9)));
        }
        return list;
    }

    private async Task RunAsync(Claimed execution, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantScope>();
        tenant.Set(execution.TeamId, null);
        await using var connection = await scope.ServiceProvider.GetRequiredService<TenantDatabase>().OpenConnectionAsync(tenant, cancellationToken);

        var rule = await ReadRuleAsync(connection, execution, cancellationToken);
        if (rule is null)
        {
            return; // Deleted with its executions (cascade) while this one ran.
        }
        var facts = (await FollowUpScheduler.ReadFactsAsync(connection, [execution.ConversationId], cancellationToken)).GetValueOrDefault(execution.ConversationId);
        // Only before the first action: once a run has started acting, it finishes what it started.
        if (execution.ActionsDone == 0 && ReasonToSkip(execution, rule, facts) is { } skip)
        {
            await FinishAsync(connection, execution, ExecutionStatus.Skipped, skip, cancellationToken);
            return;
        }
        if (execution.ActionsDone == 0 && rule.Definition.WaitUntil(facts!, clock.GetUtcNow()) is { } snoozed)
        {
            await FinishAsync(connection, execution, ExecutionStatus.Pending, "Waiting: the conversation is snoozed.", cancellationToken, snoozed, deferred: true);
            return;
        }

        var done = new List<string>();
        var actions = rule.Definition.Actions;
        for (var index = execution.ActionsDone; index < actions.Count; index++)
        {
            var action = actions[index];
            var step = new Step(execution, rule, index, action);
            if (action.Kind == RuleActionKind.SendSms)
            {
                var result = await SendAsync(scope.ServiceProvider, step, cancellationToken);
                if (result.Decision.Outcome == GuardrailOutcome.Defer && !result.IsQueued)
                {
                    await DeferAsync(connection, execution, result.Decision, cancellationToken);
                    return;
                }
                if (!result.IsQueued)
                {
                    await FinishAsync(connection, execution, ExecutionStatus.Skipped, $"Not sent: {result.Decision.Explanation}", cancellationToken);
                    return;
                }
                if (!await AdvanceAsync(connection, null, step, result.MessageId, cancellationToken))
                {
                    return;
                }
            }
            else if (!await ApplyAsync(connection, step, cancellationToken))
            {
                return; // Another run took this execution over (this one's lease ran out); it carries on.
            }
            done.Add(action.Describe());
        }
        await FinishAsync(connection, execution, ExecutionStatus.Completed, done.Count == 0 ? "Done." : string.Join("; ", done) + ".", cancellationToken);
    }

    private static string? ReasonToSkip(Claimed execution, RuleRow rule, ConversationFacts? facts) =>
        !rule.Enabled ? "The rule was paused when this came due."
        : facts is null ? "The conversation no longer exists."
        // A reply that arrived while this was being claimed, or one delivered out of order, still cancels it.
        : execution.CancelOnReply && facts.LastInboundAt > execution.TriggeredAt ? "Cancelled: the prospect replied."
        : rule.Definition.ReasonToSkip(execution.TriggeredAt, facts);

    private async Task<QueueResult> SendAsync(IServiceProvider services, Step step, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OutreachDbContext>>().CreateDbContextAsync(cancellationToken);
        var prospect = await db.Set<Prospect>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == step.Execution.ProspectId, cancellationToken)
            ?? throw new DomainException("The prospect no longer exists.");
        var body = MessageTemplate.Render(step.Action.Text ?? string.Empty, ProspectVariables.For(prospect)).Trim();
        var cost = Math.Max(1, SmsSegments.Measure(body).Segments) * costs.Value.CostPerSegment;
        return await services.GetRequiredService<OutboundQueue>().SendAsync(
            new OutboundRequest(step.Execution.ProspectId, body, MessageSource.FollowUp,
                IdempotencyKey: string.Create(CultureInfo.InvariantCulture, $"followup:{step.Execution.Id}:{step.Index}"),
                SentByName: step.Actor)
            {
                ConversationId = step.Execution.ConversationId,
                EstimatedCost = cost,
                // A deferred follow-up waits as a pending execution (visible in the calendar, cancellable, and
                // checked again when it comes due), not as a queued message.
                DeferToCaller = true,
            }, cancellationToken);
    }

    /// <summary>One non-send action and its step of progress, in one transaction. False when another run holds the execution.</summary>
    private async Task<bool> ApplyAsync(NpgsqlConnection connection, Step step, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await AdvanceAsync(connection, transaction, step, null, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        var action = step.Action;
        var execution = step.Execution;
        NpgsqlCommand? command = action.Kind switch
        {
            RuleActionKind.CreateTask => Webhooks.WebhookOutbox.WithTaskCreated(execution.TeamId, clock.GetUtcNow(), Command(AutomationSql.CreateTask,
                ("task_id", Guid.CreateVersion7(clock.GetUtcNow())), ("title", action.Text!.Trim()), ("priority", action.TaskPriority.ToString()),
                ("due_in", TimeSpan.FromMinutes(action.TaskDueMinutes)), ("user", (object?)action.AssigneeUserId ?? DBNull.Value),
                ("role", (object?)action.AssigneeRole?.ToString() ?? DBNull.Value), ("conversation", execution.ConversationId),
                ("by", step.Actor), ("key", string.Create(CultureInfo.InvariantCulture, $"rule:{execution.Id}:{step.Index}")))),
            RuleActionKind.MoveToBucket => Command(AutomationSql.Move,
                ("conversation", execution.ConversationId), ("bucket", action.Bucket!.Value.ToString()), ("reason", $"Follow-up rule \"{step.Rule.Name}\""), ("by", step.Actor)),
            RuleActionKind.ChangeScore => Command(AutomationSql.ChangeScore,
                ("prospect", execution.ProspectId), ("delta", action.ScoreDelta), ("summary", $"{action.Describe()} by rule \"{step.Rule.Name}\""), ("by", step.Actor)),
            RuleActionKind.AddTag => Command(AutomationSql.AddTag,
                ("prospect", execution.ProspectId), ("tag", Prospect.NormalizeTag(action.Tag!)), ("max", Prospect.MaxTags),
                ("summary", $"Tagged {Prospect.NormalizeTag(action.Tag!)} by rule \"{step.Rule.Name}\""), ("by", step.Actor)),
            RuleActionKind.RemoveTag => Command(AutomationSql.RemoveTag,
                ("prospect", execution.ProspectId), ("tag", Prospect.NormalizeTag(action.Tag!)),
                ("summary", $"Untagged {Prospect.NormalizeTag(action.Tag!)} by rule \"{step.Rule.Name}\""), ("by", step.Actor)),
            _ => null,
        };
        if (command is not null)
        {
            await using (command)
            {
                command.Connection = connection;
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        await PublishEffectAsync(step, cancellationToken);
        return true;
    }

    /// <summary>What the team's open pages hear of an action (after its commit).</summary>
    private Task PublishEffectAsync(Step step, CancellationToken cancellationToken)
    {
        var teamId = step.Execution.TeamId;
        var now = clock.GetUtcNow();
        return step.Action.Kind switch
        {
            RuleActionKind.CreateTask => events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.TasksChanged, new Dictionary<string, string?>
            {
                ["conversationId"] = step.Execution.ConversationId.ToString(),
                ["by"] = step.Actor,
            }, now), cancellationToken),
            RuleActionKind.MoveToBucket => InboxActions.PublishChangedAsync(events, teamId, [step.Execution.ConversationId], "moved", null, now, cancellationToken),
            RuleActionKind.ChangeScore or RuleActionKind.AddTag or RuleActionKind.RemoveTag =>
                events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.ProspectsChanged, new Dictionary<string, string?>
                {
                    ["prospectId"] = step.Execution.ProspectId.ToString(),
                }, now), cancellationToken),
            // A notice is only an event; a repeated run may repeat it, which only repeats a toast.
            RuleActionKind.NotifyTeam => events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.TeamNotice, new Dictionary<string, string?>
            {
                ["text"] = step.Action.Text?.Trim(),
                ["rule"] = step.Rule.Name,
                ["conversationId"] = step.Execution.ConversationId.ToString(),
            }, now), cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    private static NpgsqlCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }

    private static async Task<bool> AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Step step, Guid? messageId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(AutomationSql.Advance, connection, transaction);
        command.Parameters.AddWithValue("id", step.Execution.Id);
        command.Parameters.AddWithValue("done", step.Index);
        command.Parameters.AddWithValue("message", NpgsqlDbType.Uuid, (object?)messageId ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private Task DeferAsync(NpgsqlConnection connection, Claimed execution, GuardrailDecision decision, CancellationToken cancellationToken)
    {
        var until = decision.DeferUntil ?? clock.GetUtcNow().AddMinutes(5);
        return FinishAsync(connection, execution, ExecutionStatus.Pending, $"Deferred: {decision.Explanation}", cancellationToken, until, deferred: true);
    }

    private static async Task FinishAsync(
        NpgsqlConnection connection, Claimed execution, ExecutionStatus status, string reason, CancellationToken cancellationToken,
        DateTimeOffset? due = null, bool deferred = false)
    {
        await using var command = new NpgsqlCommand(AutomationSql.Finish, connection);
        command.Parameters.AddWithValue("id", execution.Id);
        command.Parameters.AddWithValue("status", status.ToString());
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("due", NpgsqlDbType.TimestampTz, (object?)due ?? DBNull.Value);
        command.Parameters.AddWithValue("deferred", deferred);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>An error: try again a little later, until the attempts run out; then it is failed with the error.</summary>
    private async Task FailedAttemptAsync(Claimed execution, Exception error, CancellationToken cancellationToken)
    {
        var final = execution.Attempts >= options.Value.MaxAttempts || error is DomainException;
        logger.Log(final ? LogLevel.Error : LogLevel.Warning, error,
            "Follow-up execution {ExecutionId} of rule {RuleId} failed (attempt {Attempt})", execution.Id, execution.RuleId, execution.Attempts);
        await using var connection = await ownerDatabase.OpenConnectionAsync(cancellationToken);
        await FinishAsync(connection, execution, final ? ExecutionStatus.Failed : ExecutionStatus.Pending, error.Message, cancellationToken,
            final ? null : clock.GetUtcNow().AddMinutes(execution.Attempts));
    }

    /// <summary>The rule's name and switch, with the definition this execution runs (its own copy).</summary>
    private static async Task<RuleRow?> ReadRuleAsync(NpgsqlConnection connection, Claimed execution, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT name, is_enabled FROM follow_up_rules WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", execution.RuleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RuleRow(reader.GetString(0), reader.GetBoolean(1), RuleDefinition.FromJson(execution.Definition))
            : null;
    }

    private sealed record Claimed(
        long Id, Guid TeamId, Guid RuleId, Guid ConversationId, Guid ProspectId, DateTimeOffset TriggeredAt, int ActionsDone, int Attempts,
        string Definition, bool CancelOnReply);

    private sealed record RuleRow(string Name, bool Enabled, RuleDefinition Definition);

    private sealed record Step(Claimed Execution, RuleRow Rule, int Index, RuleAction Action)
    {
        public string Actor => $"Rule: {Rule.Name}".Length <= 120 ? $"Rule: {Rule.Name}" : $"Rule: {Rule.Name}"[..120];
    }
}
