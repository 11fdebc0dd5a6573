using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Domain.Automation;
using Outreach.Domain.Common;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Automation;

/// <summary>
/// A team's follow-up rules: list with their recent results, create, edit, switch on and off, delete, and
/// cancel one pending execution. Managers and above change rules; agents and above may cancel an execution.
/// Every change is audited and published live.
/// </summary>
public sealed class FollowUpRules(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantDatabase tenantDatabase,
    TenantScope scope,
    IAuditLog audit,
    ILiveEventPublisher events,
    FollowUpScheduler scheduler,
    TimeProvider clock)
{
    /// <summary>The rules every new team starts with.</summary>
    public static IEnumerable<FollowUpRule> DefaultsFor(Guid teamId, TimeProvider clock) =>
        DefaultRules.All.Select(d => FollowUpRule.Create(teamId, d.Name, d.Definition, enabled: true, "system", clock, d.Key));

    [ReadOnly]
    public async Task<IReadOnlyList<RuleSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = clock.GetUtcNow().AddDays(-7);
        var rules = await db.Set<FollowUpRule>().AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        // Two narrow reads (live rows; rows finished this week), each on its own index: the history only grows.
        var counts = await db.Set<FollowUpExecution>().AsNoTracking()
            .Where(e => e.Status == ExecutionStatus.Pending || e.Status == ExecutionStatus.Running)
            .GroupBy(e => new { e.RuleId, e.Status })
            .Select(g => new { g.Key.RuleId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        counts.AddRange(await db.Set<FollowUpExecution>().AsNoTracking()
            .Where(e => e.FinishedAt >= since)
            .GroupBy(e => new { e.RuleId, e.Status })
            .Select(g => new { g.Key.RuleId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken));
        return rules.Select(r =>
        {
            int Count(ExecutionStatus status) => counts.Where(c => c.RuleId == r.Id && c.Status == status).Sum(c => c.Count);
            return new RuleSummary(r, Count(ExecutionStatus.Pending) + Count(ExecutionStatus.Running), Count(ExecutionStatus.Completed),
                Count(ExecutionStatus.Skipped), Count(ExecutionStatus.Failed));
        }).ToList();
    }

    /// <summary>The most rows one page of executions holds.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// One page of the executions of the team's rules with the prospect and conversation they are for, and how many
    /// match in all. Ordered by <paramref name="sort"/>, or (null) upcoming soonest first and finished newest first.
    /// </summary>
    [ReadOnly]
    public async Task<ExecutionPage> ExecutionsAsync(ExecutionFilter filter, int skip, int take, ExecutionSort? sort, CancellationToken cancellationToken)
    {
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, MaxPageSize);
        sort ??= ExecutionSort.DefaultFor(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var executions = db.Set<FollowUpExecution>().AsNoTracking();
        if (filter.RuleId is { } ruleId)
        {
            executions = executions.Where(x => x.RuleId == ruleId);
        }
        if (filter.ConversationId is { } conversationId)
        {
            executions = executions.Where(x => x.ConversationId == conversationId);
        }
        executions = filter.Upcoming
            ? executions.Where(x => x.Status == ExecutionStatus.Pending || x.Status == ExecutionStatus.Running)
            : executions.Where(x => x.Status != ExecutionStatus.Pending && x.Status != ExecutionStatus.Running);
        if (filter.Status is { } status)
        {
            executions = executions.Where(x => x.Status == status);
        }
        var total = await executions.CountAsync(cancellationToken);
        var joined =
            from x in executions
            join r in db.Set<FollowUpRule>() on x.RuleId equals r.Id
            join c in db.Set<Domain.Inbox.Conversation>() on x.ConversationId equals c.Id
            join p in db.Set<Domain.Prospects.Prospect>() on x.ProspectId equals p.Id
            select new { x, r, c, p };
        // The orders a column header may ask for; anything else is not reachable from the page. Ties break on the id,
        // so a page boundary never repeats or drops a row.
        var ordered = (sort.By, sort.Descending, filter.Upcoming) switch
        {
            (ExecutionOrder.Rule, false, _) => joined.OrderBy(j => j.r.Name).ThenBy(j => j.x.DueAt).ThenBy(j => j.x.Id),
            (ExecutionOrder.Rule, true, _) => joined.OrderByDescending(j => j.r.Name).ThenBy(j => j.x.DueAt).ThenBy(j => j.x.Id),
            (_, false, true) => joined.OrderBy(j => j.x.DueAt).ThenBy(j => j.x.Id),
            (_, true, true) => joined.OrderByDescending(j => j.x.DueAt).ThenByDescending(j => j.x.Id),
            (_, false, false) => joined.OrderBy(j => j.x.FinishedAt).ThenBy(j => j.x.Id),
            (_, true, false) => joined.OrderByDescending(j => j.x.FinishedAt).ThenByDescending(j => j.x.Id),
        };
        var found = await ordered
            .Skip(skip)
            .Take(take)
            .Select(j => new
            {
                Row = new ExecutionRow(j.x.Id, j.x.RuleId, j.r.Name, j.x.ConversationId, j.x.ProspectId, j.p.FullName ?? j.p.FirstName, j.c.ProspectPhone,
                    j.x.Status, j.x.Reason, j.x.TriggeredAt, j.x.DueAt, j.x.FinishedAt),
                j.x.Definition,
                j.x.ActionsDone,
                j.r.IsEnabled,
            })
            .ToListAsync(cancellationToken);
        var rows = found
            .Select(x => x.Row with
            {
                Plan = RuleDefinition.FromJson(x.Definition).DescribeActions(x.ActionsDone),
                RulePaused = !x.IsEnabled,
            })
            .ToList();
        return new ExecutionPage(rows, total);
    }

    [ReadOnly]
    public async Task<FollowUpRule?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<FollowUpRule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>
    /// Creates a rule (<paramref name="id"/> null) or changes one. Pending executions keep their due times and run the
    /// new definition, unless they have already begun (those finish the actions they started with).
    /// </summary>
    [Requires(Permission.ManageFollowUpRules)]
    public async Task<FollowUpRule> SaveAsync(RuleActor actor, Guid? id, string name, RuleDefinition definition, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageFollowUpRules);
        FollowUpRule rule;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var assignees = definition.Actions.Select(a => a.AssigneeUserId).OfType<Guid>().Distinct().ToList();
            if (assignees.Count > 0 &&
                await db.Memberships.CountAsync(m => assignees.Contains(m.UserId) && m.IsActive && m.Role != TeamRole.Viewer, cancellationToken) != assignees.Count)
            {
                throw new DomainException("Tasks can only go to active members of the team who are not viewers.");
            }
            if (id is { } existing)
            {
                rule = await db.Set<FollowUpRule>().SingleOrDefaultAsync(r => r.Id == existing, cancellationToken)
                    ?? throw new DomainException("This rule no longer exists.");
                rule.Change(name, definition, actor.Name, clock);
            }
            else
            {
                rule = FollowUpRule.Create(scope.RequireTeamId(), name, definition, enabled: true, actor.Name, clock);
                db.Add(rule);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        if (id is not null)
        {
            await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
            await using var redefine = new NpgsqlCommand(AutomationSql.Redefine, connection);
            redefine.Parameters.AddWithValue("rule", rule.Id);
            redefine.Parameters.AddWithValue("definition", rule.Definition);
            redefine.Parameters.AddWithValue("cancel", definition.CancelOnReply);
            await redefine.ExecuteNonQueryAsync(cancellationToken);
        }
        await audit.RecordAsync(rule.TeamId, actor.Audit, id is null ? AuditActions.RuleCreated : AuditActions.RuleChanged,
            $"{(id is null ? "Created" : "Changed")} follow-up rule \"{rule.Name}\"", new { ruleId = rule.Id }, cancellationToken);
        await PublishAsync(LiveEventKinds.RulesChanged, rule.Id, cancellationToken);
        return rule;
    }

    /// <summary>
    /// Pauses or resumes a rule. Paused, it schedules nothing new, and its executions that come due meanwhile are
    /// skipped (a long pause must not end in a burst of stale messages); those due after it is resumed run.
    /// </summary>
    [Requires(Permission.ManageFollowUpRules)]
    public async Task SwitchAsync(RuleActor actor, Guid id, bool enabled, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageFollowUpRules);
        FollowUpRule rule;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            rule = await db.Set<FollowUpRule>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new DomainException("This rule no longer exists.");
            if (rule.IsEnabled == enabled)
            {
                return;
            }
            rule.Switch(enabled, actor.Name, clock);
            await db.SaveChangesAsync(cancellationToken);
        }
        await audit.RecordAsync(rule.TeamId, actor.Audit, enabled ? AuditActions.RuleResumed : AuditActions.RulePaused,
            $"{(enabled ? "Resumed" : "Paused")} follow-up rule \"{rule.Name}\"", new { ruleId = rule.Id }, cancellationToken);
        await PublishAsync(LiveEventKinds.RulesChanged, rule.Id, cancellationToken);
    }

    [Requires(Permission.ManageFollowUpRules)]
    public async Task DeleteAsync(RuleActor actor, Guid id, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageFollowUpRules);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DemandCurrentAsync(scope, Permission.ManageFollowUpRules, cancellationToken);
        var rule = await db.Set<FollowUpRule>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return;
        }
        db.Remove(rule);
        var entry = audit.Add(db, rule.TeamId, actor.Audit, AuditActions.RuleDeleted,
            $"Deleted follow-up rule \"{rule.Name}\" and its executions", new { ruleId = rule.Id });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.AnnounceAsync(entry, cancellationToken);
        await PublishAsync(LiveEventKinds.RulesChanged, rule.Id, cancellationToken);
    }

    /// <summary>Cancels one pending execution (it is recorded as skipped, with who cancelled it). False when it was no longer pending.</summary>
    [Requires(Permission.CancelFollowUps)]
    public async Task<bool> CancelExecutionAsync(RuleActor actor, long executionId, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.CancelFollowUps);
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE follow_up_executions SET status = 'Skipped', reason = left(@reason, 500), finished_at = now()
            WHERE id = @id AND status = 'Pending'
            """, connection);
        command.Parameters.AddWithValue("id", executionId);
        command.Parameters.AddWithValue("reason", $"Cancelled by {actor.Name}.");
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }
        await PublishAsync(LiveEventKinds.ExecutionsChanged, null, cancellationToken);
        return true;
    }

    private Task PublishAsync(string kind, Guid? ruleId, CancellationToken cancellationToken)
    {
        if (kind == LiveEventKinds.RulesChanged)
        {
            scheduler.Forget(scope.RequireTeamId());
        }
        return events.PublishAsync(new LiveEvent(scope.RequireTeamId(), kind, new Dictionary<string, string?> { ["ruleId"] = ruleId?.ToString() }, clock.GetUtcNow()), cancellationToken);
    }
}

/// <summary>A rule and how its executions went: pending now, and completed, skipped and failed (finished) in the last 7 days.</summary>
public sealed record RuleSummary(FollowUpRule Rule, int Pending, int Completed, int Skipped, int Failed);

/// <summary>Which executions to list: upcoming (pending and running) or finished, optionally of one rule or status.</summary>
public sealed record ExecutionFilter(bool Upcoming, Guid? RuleId = null, ExecutionStatus? Status = null, Guid? ConversationId = null);

/// <summary>What a page of executions is ordered by: its time (due when upcoming, finished when done) or its rule's name.</summary>
public enum ExecutionOrder
{
    Time,
    Rule,
}

public sealed record ExecutionSort(ExecutionOrder By, bool Descending)
{
    /// <summary>Upcoming: the soonest first; finished: the latest first.</summary>
    public static ExecutionSort DefaultFor(ExecutionFilter filter) => new(ExecutionOrder.Time, Descending: !filter.Upcoming);
}

public sealed record ExecutionRow(
    long Id, Guid RuleId, string RuleName, Guid ConversationId, Guid ProspectId, string? ProspectName, string Phone,
    ExecutionStatus Status, string? Reason, DateTimeOffset TriggeredAt, DateTimeOffset DueAt, DateTimeOffset? FinishedAt)
{
    /// <summary>What the rule still has to do for it, in words.</summary>
    public string Plan { get; init; } = string.Empty;

    /// <summary>Its rule is paused: when it comes due while the rule still is, it is skipped.</summary>
    public bool RulePaused { get; init; }
}

public sealed record ExecutionPage(IReadOnlyList<ExecutionRow> Rows, int Total);

/// <summary>Who changes rules or cancels executions, with their role in the team.</summary>
public sealed record RuleActor(Guid UserId, string Name, TeamRole Role)
{
    public AuditActor Audit => new(UserId, Name);

    public bool CanEdit => Permissions.Allows(Permission.ManageFollowUpRules, Role, installationAdmin: false);

    public bool CanCancel => Permissions.Allows(Permission.CancelFollowUps, Role, installationAdmin: false);
}
