using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Domain.Common;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Identity;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Tasks;
using Outreach.Infrastructure.Tenancy;
using Outreach.Infrastructure.Tests.Enrichment;
using Outreach.TestSupport;

namespace Outreach.Infrastructure.Tests.Tasks;

/// <summary>
/// The team's tasks against a real database: who sees which task, snoozing against a clock moved by hand,
/// overdue counts and order, permissions, team isolation, and the rows the rules executor writes. Each test
/// makes a team of its own, so counts start at zero.
/// </summary>
public sealed class OperatorTasksTests(OperatorTasksTests.TasksNode node) : IClassFixture<OperatorTasksTests.TasksNode>
{
    [Fact]
    public async Task My_tasks_are_mine_my_roles_and_the_teams_and_the_team_view_shows_them_all()
    {
        var team = await node.TeamAsync();
        var mine = await Tasks(team).CreateAsync(team.Ana, Draft("For Ana", userId: team.Ana.UserId, due: In(1)), default);
        var agents = await Tasks(team).CreateAsync(team.Ana, Draft("For any agent", role: TeamRole.Agent, due: In(2)), default);
        var managers = await Tasks(team).CreateAsync(team.Ana, Draft("For any manager", role: TeamRole.Manager, due: In(3)), default);
        var everyone = await Tasks(team).CreateAsync(team.Ana, Draft("For the team", due: In(4)), default);

        Assert.Equal([mine, agents, everyone], await IdsAsync(team, team.Ana, TaskView.Mine));
        Assert.Equal([agents, everyone], await IdsAsync(team, team.Bo, TaskView.Mine));
        Assert.Equal([managers, everyone], await IdsAsync(team, team.Max, TaskView.Mine));
        Assert.Empty(await IdsAsync(team, team.Vic, TaskView.Mine));
        Assert.Equal([mine, agents, managers, everyone], await IdsAsync(team, team.Vic, TaskView.Team));
        var counts = await Tasks(team).GetCountsAsync(team.Bo, default);
        Assert.Equal((2, 0, 4, 0, 0), (counts.Mine, counts.MineOverdue, counts.Team, counts.Snoozed, counts.Done));
        Assert.Equal((2, 0), await Tasks(team).GetMyCountsAsync(team.Bo, default));

        // Bo takes the team's task: it is Bo's alone now.
        await Tasks(team).TakeAsync(team.Bo, everyone, default);

        Assert.Equal([mine, agents], await IdsAsync(team, team.Ana, TaskView.Mine));
        Assert.Equal([agents, everyone], await IdsAsync(team, team.Bo, TaskView.Mine));
        Assert.Equal([managers], await IdsAsync(team, team.Max, TaskView.Mine));
        var taken = (await Tasks(team).GetAsync(everyone, default))!;
        Assert.Equal((team.Bo.UserId, "Bo Agent", (TeamRole?)null), (taken.AssigneeUserId, taken.AssigneeName, taken.AssigneeRole));
        Assert.Equal([everyone], (await Tasks(team).ListAsync(team.Ana, new TaskFilter { View = TaskView.Team, AssigneeId = team.Bo.UserId }, 0, 50, default)).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_snoozed_task_is_hidden_until_its_time_and_then_comes_back_by_itself()
    {
        var team = await node.TeamAsync();
        var id = await Tasks(team).CreateAsync(team.Ana, Draft("Call back", userId: team.Ana.UserId, due: node.Clock.GetUtcNow().AddMinutes(-10)), default);
        Assert.Equal((1, 1), await Tasks(team).GetMyCountsAsync(team.Ana, default));
        var until = node.Clock.GetUtcNow().AddHours(1);

        await Tasks(team).SnoozeAsync(team.Ana, id, until, default);

        Assert.Empty(await IdsAsync(team, team.Ana, TaskView.Mine));
        Assert.Empty(await IdsAsync(team, team.Ana, TaskView.Team));
        Assert.Equal([id], await IdsAsync(team, team.Ana, TaskView.Snoozed));
        Assert.Equal((0, 0), await Tasks(team).GetMyCountsAsync(team.Ana, default));
        Assert.Equal(1, (await Tasks(team).GetCountsAsync(team.Ana, default)).Snoozed);

        node.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty(await IdsAsync(team, team.Ana, TaskView.Mine));

        node.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal([id], await IdsAsync(team, team.Ana, TaskView.Mine));
        Assert.Empty(await IdsAsync(team, team.Ana, TaskView.Snoozed));
        // It comes back due at the snooze time, so a minute later it is overdue again.
        Assert.Equal((1, 1), await Tasks(team).GetMyCountsAsync(team.Ana, default));
        Assert.Equal(until, (await Tasks(team).GetAsync(id, default))!.DueAt);
        await Assert.ThrowsAsync<DomainException>(() => Tasks(team).SnoozeAsync(team.Ana, id, node.Clock.GetUtcNow().AddDays(91), default));
    }

    [Fact]
    public async Task Overdue_tasks_are_counted_and_listed_first_the_urgent_ones_on_top()
    {
        var team = await node.TeamAsync();
        var now = node.Clock.GetUtcNow();
        var lateNormal = await Tasks(team).CreateAsync(team.Ana, Draft("Late normal", userId: team.Ana.UserId, due: now.AddHours(-2)), default);
        var lateHigh = await Tasks(team).CreateAsync(team.Ana, Draft("Late high", userId: team.Ana.UserId, due: now.AddHours(-1), priority: TaskPriority.High), default);
        var soon = await Tasks(team).CreateAsync(team.Ana, Draft("Soon", userId: team.Ana.UserId, due: now.AddHours(1), priority: TaskPriority.High), default);
        var later = await Tasks(team).CreateAsync(team.Ana, Draft("Later", userId: team.Ana.UserId, due: now.AddHours(2)), default);
        var done = await Tasks(team).CreateAsync(team.Ana, Draft("Late but done", userId: team.Ana.UserId, due: now.AddHours(-3)), default);
        await Tasks(team).CompleteAsync(team.Ana, done, default);

        var page = await Tasks(team).ListAsync(team.Ana, new TaskFilter { View = TaskView.Mine }, 0, 50, default);
        var counts = await Tasks(team).GetCountsAsync(team.Ana, default);
        var high = await Tasks(team).ListAsync(team.Ana, new TaskFilter { View = TaskView.Mine, Priority = TaskPriority.High }, 0, 50, default);
        var firstPage = await Tasks(team).ListAsync(team.Ana, new TaskFilter { View = TaskView.Mine }, 0, 2, default);
        var secondPage = await Tasks(team).ListAsync(team.Ana, new TaskFilter { View = TaskView.Mine }, 2, 2, default);

        Assert.Equal([lateHigh, lateNormal, soon, later], page.Rows.Select(r => r.Id));
        Assert.Equal([true, true, false, false], page.Rows.Select(r => r.IsOverdue(now)));
        Assert.Equal((4, 2, 4, 1), (counts.Mine, counts.MineOverdue, counts.Team, counts.Done));
        Assert.Equal([lateHigh, soon], high.Rows.Select(r => r.Id));
        Assert.Equal((4, 4), (firstPage.Total, secondPage.Total));
        Assert.Equal([lateHigh, lateNormal, soon, later], firstPage.Rows.Concat(secondPage.Rows).Select(r => r.Id));
        Assert.Equal([done], await IdsAsync(team, team.Ana, TaskView.Done));
    }

    [Fact]
    public async Task Done_is_undone_by_reopening_and_each_change_is_published_to_the_team_after_it_commits()
    {
        var team = await node.TeamAsync();
        var heard = new List<LiveEvent>();
        using var subscription = node.Host.Services.GetRequiredService<ILiveEventStream>()
            .Subscribe(team.Id, e => { lock (heard) { heard.Add(e); } return Task.CompletedTask; });
        var id = await Tasks(team).CreateAsync(team.Ana, Draft("Send the brochure"), default);

        await Tasks(team).CompleteAsync(team.Ana, id, default);
        var whenDone = (await Tasks(team).GetAsync(id, default))!;
        await Assert.ThrowsAsync<DomainException>(() => Tasks(team).CompleteAsync(team.Bo, id, default));
        await Tasks(team).ReopenAsync(team.Bo, id, default);
        var reopened = (await Tasks(team).GetAsync(id, default))!;

        Assert.Equal((OperatorTaskStatus.Done, "Ana Agent"), (whenDone.Status, whenDone.DoneBy));
        Assert.Equal((OperatorTaskStatus.Open, null), (reopened.Status, reopened.DoneBy));
        Assert.Equal([id], await IdsAsync(team, team.Ana, TaskView.Mine));
        await WaitForAsync(() => { lock (heard) { return heard.Count(e => e.Kind == LiveEventKinds.TasksChanged) >= 3; } });
        lock (heard)
        {
            Assert.Equal(["created", "done", "reopened"], heard.Where(e => e.Kind == LiveEventKinds.TasksChanged).Select(e => e["action"]));
            Assert.All(heard, e => Assert.Equal(id.ToString(), e["id"]));
        }
    }

    [Fact]
    public async Task A_viewer_reads_the_tasks_but_cannot_create_or_change_any()
    {
        var team = await node.TeamAsync();
        var id = await Tasks(team).CreateAsync(team.Ana, Draft("Agents only", role: TeamRole.Agent), default);
        var due = node.Clock.GetUtcNow().AddHours(1);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Tasks(team, team.Vic).CreateAsync(team.Vic, Draft("Viewer's"), default));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Tasks(team, team.Vic).CompleteAsync(team.Vic, id, default));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Tasks(team, team.Vic).SnoozeAsync(team.Vic, id, due, default));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Tasks(team, team.Vic).TakeAsync(team.Vic, id, default));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Tasks(team, team.Vic).AssignAsync(team.Vic, id, team.Vic.UserId, null, default));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Tasks(team, team.Vic).EditAsync(team.Vic, id, Draft("Renamed"), default));

        var row = Assert.Single((await Tasks(team).ListAsync(team.Vic, new TaskFilter { View = TaskView.Team }, 0, 50, default)).Rows);
        Assert.Equal((id, "Agents only", OperatorTaskStatus.Open, (Guid?)null, (TeamRole?)TeamRole.Agent, (DateTimeOffset?)null),
            (row.Id, row.Title, row.Status, row.AssigneeUserId, row.AssigneeRole, row.SnoozedUntil));
        await using var db = node.Context(team.Id);
        Assert.Equal(1, await db.Set<OperatorTask>().CountAsync());
    }

    [Fact]
    public async Task One_team_never_sees_or_changes_another_teams_tasks()
    {
        var ours = await node.TeamAsync();
        var theirs = await node.TeamAsync();
        var conversation = await node.ConversationAsync(theirs.Id, "+15122413101");
        var secret = await Tasks(theirs).CreateAsync(theirs.Ana, Draft("Their secret", conversationId: conversation), default);
        var due = node.Clock.GetUtcNow().AddHours(1);

        var team = await Tasks(ours).ListAsync(ours.Ana, new TaskFilter { View = TaskView.Team }, 0, 50, default);
        var mine = await Tasks(ours).ListAsync(ours.Ana, new TaskFilter { View = TaskView.Mine }, 0, 50, default);
        var counts = await Tasks(ours).GetCountsAsync(ours.Ana, default);
        var byConversation = await Tasks(ours).ForConversationAsync(conversation, default);
        var read = await Tasks(ours).GetAsync(secret, default);
        var complete = await Assert.ThrowsAsync<DomainException>(() => Tasks(ours).CompleteAsync(ours.Ana, secret, default));
        var assign = await Assert.ThrowsAsync<DomainException>(() => Tasks(ours).AssignAsync(ours.Ana, secret, ours.Ana.UserId, null, default));
        var snooze = await Assert.ThrowsAsync<DomainException>(() => Tasks(ours).SnoozeAsync(ours.Ana, secret, due, default));
        var link = await Assert.ThrowsAsync<DomainException>(() => Tasks(ours).CreateAsync(ours.Ana, Draft("Pointing at theirs", conversationId: conversation), default));
        var stranger = await Assert.ThrowsAsync<DomainException>(() => Tasks(ours).CreateAsync(ours.Ana, Draft("For their agent", userId: theirs.Ana.UserId), default));

        Assert.Empty(team.Rows);
        Assert.Empty(mine.Rows);
        Assert.Equal(TaskCounts.Empty, counts);
        Assert.Empty(byConversation);
        Assert.Null(read);
        Assert.All([complete, assign, snooze], e => Assert.Contains("no longer exists", e.Message));
        Assert.Contains("no longer exists", link.Message);
        Assert.Contains("active members", stranger.Message);
        var untouched = (await Tasks(theirs).GetAsync(secret, default))!;
        Assert.Equal((OperatorTaskStatus.Open, (Guid?)null, (DateTimeOffset?)null), (untouched.Status, untouched.AssigneeUserId, untouched.SnoozedUntil));
    }

    [Fact]
    public async Task A_task_the_rules_executor_writes_shows_in_the_lists_and_on_its_conversation()
    {
        var team = await node.TeamAsync();
        var conversation = await node.ConversationAsync(team.Id, "+15122413102");
        var id = Guid.CreateVersion7();
        // As the executor writes it: its own insert, keyed by execution and action so that a retry adds nothing.
        await using (var connection = await node.Database.OpenConnectionAsync(TenantScope.ForTeam(team.Id), default))
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO tasks (id, team_id, title, priority, due_at, assignee_role, conversation_id, prospect_id, status, created_at, created_by, source_key)
                SELECT @id, team_id, 'Answer the question', 'High', @due, 'Agent', id, prospect_id, 'Open', @now, 'Rule: Question unanswered', 'rule:4711:0'
                FROM conversations WHERE id = @conversation
                """, connection);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("due", node.Clock.GetUtcNow().AddMinutes(-1));
            command.Parameters.AddWithValue("now", node.Clock.GetUtcNow());
            command.Parameters.AddWithValue("conversation", conversation);
            await command.ExecuteNonQueryAsync();
        }
        var manual = await Tasks(team).CreateAsync(team.Bo, Draft("Call before noon", conversationId: conversation, userId: team.Bo.UserId), default);

        var row = Assert.Single((await Tasks(team).ListAsync(team.Ana, new TaskFilter { View = TaskView.Mine }, 0, 50, default)).Rows);
        var onConversation = await Tasks(team).ForConversationAsync(conversation, default);

        Assert.Equal((id, "Rule: Question unanswered", true, TaskPriority.High, "Rue Rule"), (row.Id, row.CreatedBy, row.ByRule, row.Priority, row.ProspectName));
        Assert.Equal(conversation, row.ConversationId);
        Assert.True(row.IsOverdue(node.Clock.GetUtcNow()));
        Assert.Equal((1, 1), await Tasks(team).GetMyCountsAsync(team.Ana, default));
        Assert.Equal([id, manual], onConversation.Select(r => r.Id));
        var byHand = onConversation[1];
        Assert.Equal((false, "Bo Agent", row.ProspectId), (byHand.ByRule, byHand.CreatedBy, byHand.ProspectId));
    }

    [Fact]
    public async Task An_edit_changes_what_was_asked_and_only_an_active_member_can_be_given_a_task()
    {
        var team = await node.TeamAsync();
        var id = await Tasks(team).CreateAsync(team.Ana, Draft("Draft title", due: node.Clock.GetUtcNow().AddHours(2).ToOffset(TimeSpan.FromHours(-5))), default);
        var created = (await Tasks(team).GetAsync(id, default))!.DueAt;
        var due = node.Clock.GetUtcNow().AddDays(1);

        // A due time picked in the team's zone arrives with its offset; it is stored as the same instant.
        await Tasks(team).EditAsync(team.Max, id,
            new TaskDraft("Call the seller", "Ask about the lease", TaskPriority.High, due.ToOffset(TimeSpan.FromHours(-6)), AssigneeRole: TeamRole.Manager), default);
        var edited = (await Tasks(team).GetAsync(id, default))!;
        var empty = await Assert.ThrowsAsync<DomainException>(() => Tasks(team).EditAsync(team.Max, id, Draft("  "), default));

        Assert.Equal(("Call the seller", "Ask about the lease", TaskPriority.High, due, (TeamRole?)TeamRole.Manager),
            (edited.Title, edited.Notes, edited.Priority, edited.DueAt, edited.AssigneeRole));
        Assert.Contains("title", empty.Message);
        Assert.Equal(node.Clock.GetUtcNow().AddHours(2), created);
        await Assert.ThrowsAsync<DomainException>(() => Tasks(team).AssignAsync(team.Ana, id, Guid.NewGuid(), null, default));
        var toViewer = await Assert.ThrowsAsync<DomainException>(() => Tasks(team).AssignAsync(team.Ana, id, team.Vic.UserId, null, default));
        Assert.Contains("viewer", toViewer.Message);
        Assert.Equal("Call the seller", (await Tasks(team).GetAsync(id, default))!.Title);
    }

    private TaskDraft Draft(
        string title, Guid? userId = null, TeamRole? role = null, DateTimeOffset? due = null, TaskPriority priority = TaskPriority.Normal, Guid? conversationId = null) =>
        new(title, null, priority, due ?? node.Clock.GetUtcNow().AddHours(1), userId, role, conversationId);

    private DateTimeOffset In(int hours) => node.Clock.GetUtcNow().AddHours(hours);

    private async Task<IReadOnlyList<Guid>> IdsAsync(TasksNode.TeamOf team, TaskActor viewer, TaskView view) =>
        (await Tasks(team).ListAsync(viewer, new TaskFilter { View = view }, 0, 50, default)).Rows.Select(r => r.Id).ToList();

    private OperatorTasks Tasks(TasksNode.TeamOf team)
    {
        var scope = node.Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team.Id, null);
        return scope.ServiceProvider.GetRequiredService<OperatorTasks>();
    }

    /// <summary>The service as <paramref name="actor"/> calls it from a page: acting in the scope, with their role.</summary>
    private OperatorTasks Tasks(TasksNode.TeamOf team, TaskActor actor)
    {
        var scope = node.Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().ActAs(team.Id, new Caller(actor.UserId, actor.Name, actor.Role));
        return scope.ServiceProvider.GetRequiredService<OperatorTasks>();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // Publishing is in-process and immediate; the wait only covers the hub's hand-off to subscribers.
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }

    /// <summary>A node with a clock moved by hand; teams, members and conversations are made per test.</summary>
    public sealed class TasksNode : IAsyncLifetime
    {
        private TestDatabase _database = null!;
        private int _teams;

        public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));
        public IHost Host { get; private set; } = null!;
        public TenantDatabase Database => Host.Services.GetRequiredService<TenantDatabase>();

        public async Task InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync("tasks");
            Host = TestNode.Build(_database.ConnectionString, "tasks-node",
                settings: new Dictionary<string, string?> { ["Outreach:Messaging:Queue:Enabled"] = "false" },
                services: s => s.AddSingleton<TimeProvider>(Clock));
            await OutreachDatabase.MigrateAsync(Host.Services);
        }

        /// <summary>A team with two agents, a manager and a viewer.</summary>
        public async Task<TeamOf> TeamAsync()
        {
            await using var db = Host.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
            var suffix = Interlocked.Increment(ref _teams);
            var team = Team.Create($"Tasks team {suffix}", "America/Chicago", Clock);
            var number = SendingNumber.Register(team.Id, $"+151224004{suffix:00}", SmsProviderNames.Simulator, null, Clock);
            db.AddRange(team, number);
            TaskActor Add(string name, TeamRole role) => new(Member(db, team.Id, $"{name} {suffix}", name, role), name, role);
            var result = new TeamOf(team.Id, number.Id, Add("Ana Agent", TeamRole.Agent), Add("Bo Agent", TeamRole.Agent),
                Add("Max Manager", TeamRole.Manager), Add("Vic Viewer", TeamRole.Viewer));
            await db.SaveChangesAsync();
            return result;
        }

        private Guid Member(OutreachDbContext db, Guid team, string login, string name, TeamRole role)
        {
            var email = $"{login.Replace(' ', '.').ToLowerInvariant()}@tasks.test";
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, CreatedAt = Clock.GetUtcNow(), SecurityStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            db.Memberships.Add(Membership.Create(team, user.Id, role, Clock));
            return user.Id;
        }

        /// <summary>A prospect ("Rue Rule") and an open conversation with them on the team's number.</summary>
        public async Task<Guid> ConversationAsync(Guid team, string phone)
        {
            var values = new string?[Enum.GetValues<ProspectField>().Length];
            values[(int)ProspectField.FullName] = "Rue Rule";
            values[(int)ProspectField.Phone] = phone;
            values[(int)ProspectField.State] = "TX";
            var prospect = Prospect.Create(team, ProspectRows.Normalize(values).Prospect!, Clock);
            Guid number;
            await using (var db = Context(team))
            {
                db.Add(prospect);
                await db.SaveChangesAsync();
                number = await db.Set<SendingNumber>().Select(n => n.Id).SingleAsync();
            }
            var id = Guid.CreateVersion7();
            await using var connection = await Database.OpenConnectionAsync(TenantScope.ForTeam(team), default);
            await using var command = new NpgsqlCommand("""
                INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority,
                    unread_count, last_message_at, created_at)
                VALUES (@id, @team, @prospect, @number, @phone, 'Open', 'Other', 'Warm', 0, @now, @now)
                """, connection);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("team", team);
            command.Parameters.AddWithValue("prospect", prospect.Id);
            command.Parameters.AddWithValue("number", number);
            command.Parameters.AddWithValue("phone", phone);
            command.Parameters.AddWithValue("now", Clock.GetUtcNow());
            await command.ExecuteNonQueryAsync();
            return id;
        }

        public OutreachDbContext Context(Guid team) =>
            new TenantDbContextFactory(Host.Services.GetRequiredService<DbContextOptions<OutreachDbContext>>(), TenantScope.ForTeam(team)).CreateDbContext();

        public async Task DisposeAsync()
        {
            Host.Dispose();
            await _database.DisposeAsync();
        }

        public sealed record TeamOf(Guid Id, Guid NumberId, TaskActor Ana, TaskActor Bo, TaskActor Max, TaskActor Vic);
    }
}
