using System.Globalization;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Inbox;
using Outreach.Infrastructure.Tasks;

namespace Outreach.Console.Features.Tasks;

/// <summary>Whom a task can be given to (the whole team, everyone with a role, one member), as one list of choices.</summary>
public static class TaskAssignees
{
    public const string WholeTeam = "team";

    private static readonly TeamRole[] Roles = [TeamRole.Agent, TeamRole.Manager, TeamRole.Admin];

    public static IReadOnlyList<AssigneeChoice> Choices(IReadOnlyList<TeamMember> members) =>
    [
        new(WholeTeam, "Whole team (anyone can take it)", null, null),
        .. Roles.Select(r => new AssigneeChoice(Key(null, r), $"Any {r.ToString().ToLowerInvariant()}", null, r)),
        .. members.Where(m => m.Role != TeamRole.Viewer).Select(m => new AssigneeChoice(Key(m.UserId, null), m.DisplayName, m.UserId, null)),
    ];

    public static string Key(Guid? userId, TeamRole? role) =>
        userId is { } user ? "user:" + user.ToString("N", CultureInfo.InvariantCulture)
        : role is { } r ? "role:" + r
        : WholeTeam;

    public static string Describe(TaskRow task) =>
        task.AssigneeUserId is not null ? task.AssigneeName ?? "(former member)"
        : task.AssigneeRole is { } role ? $"Any {role.ToString().ToLowerInvariant()}"
        : "Whole team";
}

public sealed record AssigneeChoice(string Key, string Text, Guid? UserId, TeamRole? Role);
