using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Tasks;

/// <summary>Which of the team's tasks a list shows.</summary>
public enum TaskView
{
    /// <summary>Open, not snoozed, and the viewer's: assigned to them, to their role, or to nobody.</summary>
    Mine,

    /// <summary>Every open task of the team that is not snoozed.</summary>
    Team,

    /// <summary>Open tasks hidden until their snooze time.</summary>
    Snoozed,

    /// <summary>Finished tasks, the most recent first.</summary>
    Done,
}

/// <summary>What the task list shows. The team is the caller's, never part of the filter.</summary>
public sealed record TaskFilter
{
    public TaskView View { get; init; } = TaskView.Mine;
    public TaskPriority? Priority { get; init; }

    /// <summary>A member's id, or <see cref="Guid.Empty"/> for tasks given to no one member (a role or the whole team).</summary>
    public Guid? AssigneeId { get; init; }
}

/// <summary>Who reads or acts on tasks, and with which role (checked on every change, not only in the page).</summary>
public sealed record TaskActor(Guid UserId, string Name, TeamRole Role);
