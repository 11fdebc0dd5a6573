using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Domain.Common;
using Outreach.Domain.Inbox;
using Outreach.Domain.Prospects;
using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;
using Outreach.Domain.Webhooks;
using Outreach.Infrastructure.Webhooks;

namespace Outreach.Infrastructure.Tasks;

/// <summary>
/// What people do with the team's tasks: the lists and counts, and creating, editing, taking, snoozing and
/// finishing them. Reads and writes go through the tenant context (its filters and row-level security), so a
/// task of another team is simply not found. Each change commits, then tells the team with
/// <see cref="LiveEventKinds.TasksChanged"/>; the rules executor writes its tasks itself and publishes the same.
/// A snoozed task comes back by a comparison with the clock in every query, so no job has to wake it.
/// </summary>
public sealed class OperatorTasks(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantScope scope,
    TenantDatabase tenantDatabase,
    ILiveEventPublisher events,
    TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>Counts stop here (the page says "1,000+"): the done list only grows.</summary>
    public const int CountLimit = 1_000;

    public const int MaxPerConversation = 20;

    [ReadOnly]
    public async Task<TaskListing> ListAsync(TaskActor viewer, TaskFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var query = Apply(db.Set<OperatorTask>().AsNoTracking(), filter, viewer, now);
        var ordered = filter.View switch
        {
            TaskView.Done => query.OrderByDescending(t => t.DoneAt).ThenByDescending(t => t.Id),
            TaskView.Snoozed => query.OrderBy(t => t.SnoozedUntil).ThenBy(t => t.Id),
            // Overdue first, the urgent ones among them on top; then what is due next.
            _ => query.OrderByDescending(t => t.DueAt < now)
                .ThenByDescending(t => t.DueAt < now && t.Priority == TaskPriority.High)
                .ThenBy(t => t.DueAt).ThenBy(t => t.Id),
        };
        var rows = await Project(db, ordered.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))).ToListAsync(cancellationToken);
        var counted = await query.Take(CountLimit + 1).CountAsync(cancellationToken);
        return new TaskListing(rows, Math.Min(counted, CountLimit), counted > CountLimit);
    }

    /// <summary>Every tab's count, and how many of the viewer's own open tasks are overdue, in one statement.</summary>
    [ReadOnly]
    public async Task<TaskCounts> GetCountsAsync(TaskActor viewer, CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT count(*) FILTER (WHERE mine AND NOT snoozed)::int,
                   count(*) FILTER (WHERE mine AND NOT snoozed AND due_at < @now)::int,
                   count(*) FILTER (WHERE NOT snoozed)::int,
                   count(*) FILTER (WHERE snoozed)::int,
                   (SELECT count(*)::int FROM (SELECT 1 FROM tasks WHERE team_id = (SELECT app_current_team()) AND status = 'Done' LIMIT {CountLimit}) done)
            FROM (
                SELECT due_at, coalesce(snoozed_until > @now, false) AS snoozed, {MineSql} AS mine
                FROM tasks WHERE team_id = (SELECT app_current_team()) AND status = 'Open'
            ) open
            """, connection);
        AddViewer(command, viewer);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TaskCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4));
    }

    /// <summary>The navigation's numbers: the viewer's open tasks that are not snoozed, and how many of them are overdue.</summary>
    [ReadOnly]
    public async Task<(int Open, int Overdue)> GetMyCountsAsync(TaskActor viewer, CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT count(*)::int, count(*) FILTER (WHERE due_at < @now)::int FROM tasks
            WHERE team_id = (SELECT app_current_team()) AND status = 'Open' AND (snoozed_until IS NULL OR snoozed_until <= @now) AND {MineSql}
            """, connection);
        AddViewer(command, viewer);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>The open tasks (snoozed ones too) that point at one conversation, the next due first.</summary>
    [ReadOnly]
    public async Task<IReadOnlyList<TaskRow>> ForConversationAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<OperatorTask>().AsNoTracking()
            .Where(t => t.ConversationId == conversationId && t.Status == OperatorTaskStatus.Open)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(MaxPerConversation);
        return await Project(db, query).ToListAsync(cancellationToken);
    }

    [ReadOnly]
    public async Task<TaskRow?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Project(db, db.Set<OperatorTask>().AsNoTracking().Where(t => t.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    [Requires(Permission.WorkTasks)]
    public async Task<Guid> CreateAsync(TaskActor actor, TaskDraft draft, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkTasks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prospectId = draft.ProspectId;
        if (draft.ConversationId is { } conversationId)
        {
            var linked = await db.Set<Conversation>().AsNoTracking().Where(c => c.Id == conversationId)
                .Select(c => (Guid?)c.ProspectId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("The conversation this task was for no longer exists.");
            prospectId ??= linked;
        }
        if (prospectId is { } prospect && !await db.Set<Prospect>().AnyAsync(p => p.Id == prospect, cancellationToken))
        {
            throw new DomainException("The prospect this task was for no longer exists.");
        }
        await EnsureAssigneeAsync(db, draft.AssigneeUserId, cancellationToken);
        var task = OperatorTask.Create(scope.RequireTeamId(), draft.Title, draft.Notes, draft.Priority, draft.DueAt.ToUniversalTime(), actor.Name, clock,
            draft.ConversationId, prospectId);
        task.Assign(draft.AssigneeUserId, draft.AssigneeRole);
        db.Add(task);
        WebhookOutbox.Add(db, task.TeamId, WebhookEventTypes.TaskCreated, WebhookPayloadOf(task, actor), clock);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(task, "created", actor, cancellationToken);
        return task.Id;
    }

    /// <summary>Title, notes, priority, due time and assignee; the links to a conversation and prospect stay as created.</summary>
    [Requires(Permission.WorkTasks)]
    public Task EditAsync(TaskActor actor, Guid id, TaskDraft draft, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkTasks);
        return ChangeAsync(actor, id, "edited", async (db, task) =>
        {
            await EnsureAssigneeAsync(db, draft.AssigneeUserId, cancellationToken);
            task.Describe(draft.Title, draft.Notes);
            task.Plan(draft.Priority, draft.DueAt.ToUniversalTime());
            task.Assign(draft.AssigneeUserId, draft.AssigneeRole);
        }, cancellationToken);
    }

    [Requires(Permission.WorkTasks)]
    public Task CompleteAsync(TaskActor actor, Guid id, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkTasks);
        return ChangeAsync(actor, id, "done", (_, task) => { task.Complete(actor.Name, clock); return Task.CompletedTask; }, cancellationToken);
    }

    /// <summary>Undoes <see cref="CompleteAsync"/>.</summary>
    [Requires(Permission.WorkTasks)]
    public Task ReopenAsync(TaskActor actor, Guid id, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkTasks);
        return ChangeAsync(actor, id, "reopened", (_, task) => { task.Reopen(); return Task.CompletedTask; }, cancellationToken);
    }

    [Requires(Permission.WorkTasks)]
    public Task SnoozeAsync(TaskActor actor, Guid id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkTasks);
        return ChangeAsync(actor, id, "snoozed", (_, task) =>
        {
            task.Snooze(Snooze.Validate(until, clock.GetUtcNow()).ToUniversalTime(), clock);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Gives the task to one member, to everyone with a role, or (both null) to the whole team.</summary>
    [Requires(Permission.WorkTasks)]
    public Task AssignAsync(TaskActor actor, Guid id, Guid? userId, TeamRole? role, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkTasks);
        return ChangeAsync(actor, id, "assigned", async (db, task) =>
        {
            await EnsureAssigneeAsync(db, userId, cancellationToken);
            task.Assign(userId, role);
            WebhookOutbox.Add(db, task.TeamId, WebhookEventTypes.TaskAssigned, WebhookPayloadOf(task, actor), clock);
        }, cancellationToken);
    }

    /// <summary>The actor makes the task theirs (a team or role task stops being everyone's).</summary>
    [Requires(Permission.WorkTasks)]
    public Task TakeAsync(TaskActor actor, Guid id, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkTasks);
        return AssignAsync(actor, id, actor.UserId, null, cancellationToken);
    }

    /// <summary>Two people acting on one task at once take turns on its row, so neither change is lost.</summary>
    private async Task ChangeAsync(TaskActor actor, Guid id, string action, Func<OutreachDbContext, OperatorTask, Task> change, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.WorkTasks);
        OperatorTask task;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            task = await db.Set<OperatorTask>().FromSqlInterpolated($"SELECT * FROM tasks WHERE id = {id} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken) ?? throw new DomainException("This task no longer exists.");
            await change(db, task);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await PublishAsync(task, action, actor, cancellationToken);
    }

    private static async Task EnsureAssigneeAsync(OutreachDbContext db, Guid? userId, CancellationToken cancellationToken)
    {
        if (userId is not { } user)
        {
            return;
        }
        var role = await db.Memberships.Where(m => m.UserId == user && m.IsActive).Select(m => (TeamRole?)m.Role).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Tasks can only be assigned to active members of the team.");
        if (!Permissions.Allows(Permission.WorkTasks, role, installationAdmin: false))
        {
            throw new DomainException("A viewer cannot be given a task: viewers read tasks but cannot finish them.");
        }
    }

    private Task PublishAsync(OperatorTask task, string action, TaskActor actor, CancellationToken cancellationToken) =>
        events.PublishAsync(new LiveEvent(task.TeamId, LiveEventKinds.TasksChanged, new Dictionary<string, string?>
        {
            ["action"] = action,
            ["id"] = task.Id.ToString(),
            ["by"] = actor.UserId.ToString(),
            ["assigneeUserId"] = task.AssigneeUserId?.ToString(),
            ["conversationId"] = task.ConversationId?.ToString(),
        }, clock.GetUtcNow()), cancellationToken);

    private static object WebhookPayloadOf(OperatorTask task, TaskActor actor) => new
    {
        taskId = task.Id, task.Title, priority = task.Priority.ToString(), task.DueAt, task.AssigneeUserId, assigneeRole = task.AssigneeRole?.ToString(),
        task.ConversationId, task.ProspectId, by = actor.Name,
    };

    /// <summary>Assigned to the viewer, else to the viewer's role, else (for members who can act) to nobody.</summary>
    private const string MineSql =
        "(assignee_user_id = @me OR (assignee_user_id IS NULL AND (assignee_role = @role OR (assignee_role IS NULL AND @can_act))))";

    private static void AddViewer(NpgsqlCommand command, TaskActor viewer)
    {
        command.Parameters.AddWithValue("me", viewer.UserId);
        command.Parameters.AddWithValue("role", viewer.Role.ToString());
        command.Parameters.AddWithValue("can_act", Permissions.Allows(Permission.WorkTasks, viewer.Role, installationAdmin: false));
    }

    private static IQueryable<OperatorTask> Apply(IQueryable<OperatorTask> query, TaskFilter filter, TaskActor viewer, DateTimeOffset now)
    {
        var me = viewer.UserId;
        TeamRole? role = viewer.Role;
        var teamTasksAreMine = Permissions.Allows(Permission.WorkTasks, viewer.Role, installationAdmin: false);
        query = filter.View switch
        {
            TaskView.Mine => query.Where(t => t.Status == OperatorTaskStatus.Open && (t.SnoozedUntil == null || t.SnoozedUntil <= now)
                && (t.AssigneeUserId == me || (t.AssigneeUserId == null && (t.AssigneeRole == role || (t.AssigneeRole == null && teamTasksAreMine))))),
            TaskView.Team => query.Where(t => t.Status == OperatorTaskStatus.Open && (t.SnoozedUntil == null || t.SnoozedUntil <= now)),
            TaskView.Snoozed => query.Where(t => t.Status == OperatorTaskStatus.Open && t.SnoozedUntil > now),
            _ => query.Where(t => t.Status == OperatorTaskStatus.Done),
        };
        if (filter.Priority is { } priority)
        {
            query = query.Where(t => t.Priority == priority);
        }
        if (filter.AssigneeId is { } assignee)
        {
            query = assignee == Guid.Empty ? query.Where(t => t.AssigneeUserId == null) : query.Where(t => t.AssigneeUserId == assignee);
        }
        return query;
    }

    private static IQueryable<TaskRow> Project(OutreachDbContext db, IQueryable<OperatorTask> tasks) =>
        from t in tasks
        join p in db.Set<Prospect>() on t.ProspectId equals (Guid?)p.Id into prospects
        from p in prospects.DefaultIfEmpty()
        join u in db.Users on t.AssigneeUserId equals (Guid?)u.Id into users
        from u in users.DefaultIfEmpty()
        select new TaskRow(t.Id, t.Title, t.Notes, t.Priority, t.DueAt, t.AssigneeUserId, u == null ? null : u.DisplayName, t.AssigneeRole,
            t.ConversationId, t.ProspectId, p == null ? null : p.FullName ?? p.Company, p == null ? null : p.Phone, t.Status, t.SnoozedUntil,
            t.CreatedAt, t.CreatedBy, t.DoneAt, t.DoneBy, t.SourceKey != null);
}

/// <summary>What a person fills in for a new task or an edit.</summary>
public sealed record TaskDraft(
    string Title, string? Notes, TaskPriority Priority, DateTimeOffset DueAt, Guid? AssigneeUserId = null, TeamRole? AssigneeRole = null,
    Guid? ConversationId = null, Guid? ProspectId = null);

public sealed record TaskRow(
    Guid Id, string Title, string? Notes, TaskPriority Priority, DateTimeOffset DueAt, Guid? AssigneeUserId, string? AssigneeName,
    TeamRole? AssigneeRole, Guid? ConversationId, Guid? ProspectId, string? ProspectName, string? ProspectPhone, OperatorTaskStatus Status, DateTimeOffset? SnoozedUntil,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? DoneAt, string? DoneBy, bool ByRule)
{
    public bool IsSnoozed(DateTimeOffset now) => Status == OperatorTaskStatus.Open && SnoozedUntil > now;

    public bool IsOverdue(DateTimeOffset now) => Status == OperatorTaskStatus.Open && !IsSnoozed(now) && DueAt < now;
}

public sealed record TaskListing(IReadOnlyList<TaskRow> Rows, int Total, bool MoreThanTotal);

/// <summary>The tabs' counts; <see cref="MineOverdue"/> is the part of <see cref="Mine"/> past its due time.</summary>
public sealed record TaskCounts(int Mine, int MineOverdue, int Team, int Snoozed, int Done)
{
    public static readonly TaskCounts Empty = new(0, 0, 0, 0, 0);

    public int this[TaskView view] => view switch
    {
        TaskView.Mine => Mine,
        TaskView.Team => Team,
        TaskView.Snoozed => Snoozed,
        _ => Done,
    };
}
