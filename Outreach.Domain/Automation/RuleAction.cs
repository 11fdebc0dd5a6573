using Outreach.Domain.Inbox;
using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;

namespace Outreach.Domain.Automation;

/// <summary>
/// One thing a rule does. <see cref="Text"/> is the SMS template, the task's title or the notice, by kind;
/// a task goes to <see cref="AssigneeUserId"/>, else to anyone with <see cref="AssigneeRole"/>, else to the
/// conversation's owner (or the whole team when nobody owns it).
/// </summary>
public sealed record RuleAction(RuleActionKind Kind)
{
    public const int MaxTextLength = 1_600;
    public const int MaxTaskTitleLength = 200;

    public string? Text { get; init; }

    public Guid? AssigneeUserId { get; init; }

    public TeamRole? AssigneeRole { get; init; }

    public TaskPriority TaskPriority { get; init; } = TaskPriority.Normal;

    /// <summary>When the task is due, in minutes after it is created.</summary>
    public int TaskDueMinutes { get; init; } = 60;

    public InboxBucket? Bucket { get; init; }

    public int ScoreDelta { get; init; }

    public string? Tag { get; init; }

    public static RuleAction Send(string template) => new(RuleActionKind.SendSms) { Text = template };

    public static RuleAction Task(string title, TaskPriority priority, int dueMinutes, TeamRole? role = null) =>
        new(RuleActionKind.CreateTask) { Text = title, TaskPriority = priority, TaskDueMinutes = dueMinutes, AssigneeRole = role };

    public static RuleAction Move(InboxBucket bucket) => new(RuleActionKind.MoveToBucket) { Bucket = bucket };

    public static RuleAction Score(int delta) => new(RuleActionKind.ChangeScore) { ScoreDelta = delta };

    public static RuleAction AddTag(string tag) => new(RuleActionKind.AddTag) { Tag = tag };

    public static RuleAction RemoveTag(string tag) => new(RuleActionKind.RemoveTag) { Tag = tag };

    public static RuleAction Notify(string text) => new(RuleActionKind.NotifyTeam) { Text = text };

    /// <summary>The action in a few words, for lists, the calendar and execution records.</summary>
    public string Describe() => Kind switch
    {
        RuleActionKind.SendSms => $"Send SMS \"{Shorten(Text)}\"",
        RuleActionKind.CreateTask => $"{(TaskPriority == TaskPriority.Normal ? "Task" : "High-priority task")} \"{Shorten(Text)}\" for {AssigneeDescription}",
        RuleActionKind.MoveToBucket => $"Move to {Bucket?.Title()}",
        RuleActionKind.ChangeScore => ScoreDelta >= 0 ? $"Score +{ScoreDelta}" : $"Score {ScoreDelta}",
        RuleActionKind.AddTag => $"Tag {Tag}",
        RuleActionKind.RemoveTag => $"Untag {Tag}",
        RuleActionKind.NotifyTeam => $"Notify the team \"{Shorten(Text)}\"",
        _ => Kind.ToString(),
    };

    private string AssigneeDescription => AssigneeUserId is not null ? "a teammate" : AssigneeRole is { } role ? $"any {role.ToString().ToLowerInvariant()}" : "the owner";

    private static string Shorten(string? text)
    {
        var flat = (text ?? string.Empty).ReplaceLineEndings(" ").Trim();
        return flat.Length <= 40 ? flat : flat[..39] + "…";
    }
}
