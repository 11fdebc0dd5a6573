namespace Outreach.Domain.Teams;

/// <summary>What a member may do in a team. Declared from most to least powerful.</summary>
public enum TeamRole
{
    Owner,
    Admin,
    Manager,
    Agent,
    Viewer,
}

public static class TeamRoleExtensions
{
    /// <summary>True when <paramref name="role"/> grants at least what <paramref name="minimum"/> grants.</summary>
    public static bool IsAtLeast(this TeamRole role, TeamRole minimum) => role <= minimum;

    /// <summary>The roles that satisfy a minimum, for role-based authorization.</summary>
    public static IReadOnlyList<TeamRole> AtLeast(TeamRole minimum) =>
        Enum.GetValues<TeamRole>().Where(r => r.IsAtLeast(minimum)).ToArray();

    public static string Describe(this TeamRole role) => role switch
    {
        TeamRole.Owner => "Everything, including budgets, API keys and ownership.",
        TeamRole.Admin => "Team settings, users and roles, budgets, the team kill switch.",
        TeamRole.Manager => "Campaigns, imports, kill switches and reports.",
        TeamRole.Agent => "Inbox, replies and prospects.",
        TeamRole.Viewer => "Read only.",
        _ => role.ToString(),
    };
}
