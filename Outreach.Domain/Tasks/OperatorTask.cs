using Outreach.Domain.Common;
using Outreach.Domain.Teams;

namespace Outreach.Domain.Tasks;

/// <summary>
/// Something a person of the team has to do, by a time: answer a question, call a hot lead. It belongs to one
/// member (<see cref="AssigneeUserId"/>), to anyone with a role (<see cref="AssigneeRole"/>), or to the whole
/// team (neither), and may point at a conversation and its prospect. Rules create them (with
/// <see cref="SourceKey"/>, so a rule's retry never creates a second); people create them too.
/// </summary>
public sealed class OperatorTask : ITeamOwned
{
    public const int MaxTitleLength = 200;
    public const int MaxNotesLength = 2_000;

    private OperatorTask()
    {
        Title = string.Empty;
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public string Title { get; private set; }
    public string? Notes { get; private set; }
    public TaskPriority Priority { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public Guid? AssigneeUserId { get; private set; }
    public TeamRole? AssigneeRole { get; private set; }
    public Guid? ConversationId { get; private set; }
    public Guid? ProspectId { get; private set; }
    public OperatorTaskStatus Status { get; private set; }
    public DateTimeOffset? SnoozedUntil { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public string? DoneBy { get; private set; }

    /// <summary>What created it, when that was automation (<c>rule:{execution}:{action}</c>); unique per team.</summary>
    public string? SourceKey { get; private set; }

    public static OperatorTask Create(
        Guid teamId, string title, string? notes, TaskPriority priority, DateTimeOffset dueAt, string createdBy, TimeProvider clock,
        Guid? conversationId = null, Guid? prospectId = null)
    {
        var task = new OperatorTask
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TeamId = teamId,
            Priority = priority,
            DueAt = dueAt,
            ConversationId = conversationId,
            ProspectId = prospectId,
            Status = OperatorTaskStatus.Open,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = createdBy,
        };
        task.Describe(title, notes);
        return task;
    }

    public void Describe(string title, string? notes)
    {
        var trimmed = title?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > MaxTitleLength)
        {
            throw new DomainException($"A task needs a title of 1 to {MaxTitleLength} characters.");
        }
        var trimmedNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (trimmedNotes?.Length > MaxNotesLength)
        {
            throw new DomainException($"Notes have at most {MaxNotesLength:N0} characters.");
        }
        Title = trimmed;
        Notes = trimmedNotes;
    }

    /// <summary>Sets how urgent the task is and when it is due; a snoozed task keeps its snooze.</summary>
    public void Plan(TaskPriority priority, DateTimeOffset dueAt)
    {
        if (Status == OperatorTaskStatus.Done)
        {
            throw new DomainException("A done task cannot be rescheduled; reopen it first.");
        }
        Priority = priority;
        DueAt = dueAt;
    }

    /// <summary>
    /// Whether a member with <paramref name="role"/> counts it among their own tasks: theirs, their role's, or the whole
    /// team's if they can act on tasks (the task queries' "Mine" is the same rule in SQL).
    /// </summary>
    public bool BelongsTo(Guid userId, TeamRole role) =>
        AssigneeUserId is { } assignee ? assignee == userId
        : AssigneeRole is { } assigned ? assigned == role
        : Permissions.Allows(Permission.WorkTasks, role, installationAdmin: false);

    /// <summary>Gives the task to one member, to anyone with a role, or (both null) to the whole team.</summary>
    public void Assign(Guid? userId, TeamRole? role)
    {
        AssigneeUserId = userId;
        AssigneeRole = userId is null ? role : null;
    }

    public void Complete(string by, TimeProvider clock)
    {
        if (Status == OperatorTaskStatus.Done)
        {
            throw new DomainException("This task is already done.");
        }
        Status = OperatorTaskStatus.Done;
        DoneAt = clock.GetUtcNow();
        DoneBy = by;
        SnoozedUntil = null;
    }

    public void Reopen()
    {
        if (Status != OperatorTaskStatus.Done)
        {
            throw new DomainException("This task is still open.");
        }
        Status = OperatorTaskStatus.Open;
        DoneAt = null;
        DoneBy = null;
    }

    /// <summary>Hides the open task until <paramref name="until"/>, when it comes back due.</summary>
    public void Snooze(DateTimeOffset until, TimeProvider clock)
    {
        if (Status == OperatorTaskStatus.Done)
        {
            throw new DomainException("A done task cannot be snoozed.");
        }
        if (until <= clock.GetUtcNow())
        {
            throw new DomainException("Snooze until a time in the future.");
        }
        SnoozedUntil = until;
        if (DueAt < until)
        {
            DueAt = until;
        }
    }

    public bool IsSnoozed(DateTimeOffset now) => Status == OperatorTaskStatus.Open && SnoozedUntil > now;

    public bool IsOverdue(DateTimeOffset now) => Status == OperatorTaskStatus.Open && !IsSnoozed(now) && DueAt < now;
}
