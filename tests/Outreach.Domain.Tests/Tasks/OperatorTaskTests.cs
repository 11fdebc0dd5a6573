using Outreach.Domain.Common;
using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;

namespace Outreach.Domain.Tests.Tasks;

public class OperatorTaskTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
    private static readonly Clock Fixed = new(Now);

    [Fact]
    public void A_task_belongs_to_its_member_else_to_everyone_with_its_role_else_to_the_whole_team()
    {
        var (ana, bo) = (Guid.NewGuid(), Guid.NewGuid());
        var task = New(Now.AddHours(1));

        var team = (task.BelongsTo(ana, TeamRole.Agent), task.BelongsTo(bo, TeamRole.Manager));
        task.Assign(null, TeamRole.Manager);
        var role = (task.BelongsTo(ana, TeamRole.Agent), task.BelongsTo(bo, TeamRole.Manager));
        task.Assign(ana, TeamRole.Manager);
        var member = (task.BelongsTo(ana, TeamRole.Agent), task.BelongsTo(bo, TeamRole.Manager));

        Assert.Equal((true, true), team);
        Assert.Equal((false, true), role);
        Assert.Equal((true, false), member);
        Assert.Null(task.AssigneeRole);
    }

    [Fact]
    public void A_snoozed_task_is_neither_listed_nor_overdue_until_its_time_and_comes_back_due()
    {
        var task = New(Now.AddMinutes(-30));
        Assert.True(task.IsOverdue(Now));

        task.Snooze(Now.AddHours(2), Fixed);

        Assert.True(task.IsSnoozed(Now.AddHours(1)));
        Assert.False(task.IsOverdue(Now.AddHours(1)));
        Assert.Equal(Now.AddHours(2), task.DueAt);
        Assert.False(task.IsSnoozed(Now.AddHours(2)));
        Assert.True(task.IsOverdue(Now.AddHours(2).AddMinutes(1)));
    }

    [Fact]
    public void Done_can_be_undone_and_a_done_task_cannot_be_snoozed_or_rescheduled()
    {
        var task = New(Now.AddHours(1));

        task.Complete("Ana Agent", Fixed);

        Assert.Equal((OperatorTaskStatus.Done, "Ana Agent", (DateTimeOffset?)Now), (task.Status, task.DoneBy, task.DoneAt));
        Assert.False(task.IsOverdue(Now.AddDays(1)));
        Assert.Throws<DomainException>(() => task.Complete("Bo", Fixed));
        Assert.Throws<DomainException>(() => task.Snooze(Now.AddHours(3), Fixed));
        Assert.Throws<DomainException>(() => task.Plan(TaskPriority.High, Now.AddHours(3)));
        task.Reopen();
        Assert.Equal((OperatorTaskStatus.Open, null, (DateTimeOffset?)null), (task.Status, task.DoneBy, task.DoneAt));
        Assert.Throws<DomainException>(task.Reopen);
    }

    [Fact]
    public void Planning_changes_priority_and_due_time_and_a_title_is_required()
    {
        var task = New(Now.AddHours(1));

        task.Plan(TaskPriority.High, Now.AddMinutes(-1));

        Assert.Equal((TaskPriority.High, Now.AddMinutes(-1)), (task.Priority, task.DueAt));
        Assert.True(task.IsOverdue(Now));
        Assert.Throws<DomainException>(() => task.Describe("   ", null));
        Assert.Throws<DomainException>(() => task.Snooze(Now, Fixed));
    }

    [Fact]
    public void Only_agents_and_above_act_on_tasks()
    {
        Assert.True(Permissions.Allows(Permission.WorkTasks, TeamRole.Agent, installationAdmin: false));
        Assert.True(Permissions.Allows(Permission.WorkTasks, TeamRole.Owner, installationAdmin: false));
        Assert.False(Permissions.Allows(Permission.WorkTasks, TeamRole.Viewer, installationAdmin: false));
        Assert.False(Permissions.Allows(Permission.WorkTasks, null, installationAdmin: true));
    }

    private static OperatorTask New(DateTimeOffset due) =>
        OperatorTask.Create(Guid.NewGuid(), "Call back", null, TaskPriority.Normal, due, "Ana Agent", Fixed);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
