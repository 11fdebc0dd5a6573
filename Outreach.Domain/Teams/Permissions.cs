namespace Outreach.Domain.Teams;

/// <summary>
/// The one permission table: for each permission, the least team role that holds it (roles are ordered,
/// <see cref="TeamRoleExtensions.IsAtLeast"/>), or that only an installation administrator holds it, or
/// that any signed-in person holds it for their own account. Pages hide what this refuses; services enforce it.
/// </summary>
public static class Permissions
{
    private static readonly IReadOnlyDictionary<Permission, Rule> Table = new Dictionary<Permission, Rule>
    {
        // Viewers read everything of their team; writing starts with agents.
        [Permission.SeeTeam] = Rule.Team(TeamRole.Viewer, "take part in this team"),
        [Permission.ExportReports] = Rule.Team(TeamRole.Viewer, "export reports"),
        [Permission.WorkInbox] = Rule.Team(TeamRole.Agent, "reply to or change conversations"),
        [Permission.ManageReplyTemplates] = Rule.Team(TeamRole.Agent, "change saved replies"),
        [Permission.SendMessages] = Rule.Team(TeamRole.Agent, "send messages"),
        [Permission.WorkTasks] = Rule.Team(TeamRole.Agent, "create or change tasks"),
        [Permission.EditProspects] = Rule.Team(TeamRole.Agent, "add or edit prospects"),
        [Permission.EnrichProspects] = Rule.Team(TeamRole.Agent, "enrich prospects"),
        [Permission.CancelFollowUps] = Rule.Team(TeamRole.Agent, "cancel follow-ups"),
        [Permission.ExportRawData] = Rule.Team(TeamRole.Manager, "export this raw data"),
        [Permission.ManageCampaigns] = Rule.Team(TeamRole.Manager, "manage campaigns"),
        [Permission.ManageImports] = Rule.Team(TeamRole.Manager, "import prospects"),
        [Permission.DeleteProspects] = Rule.Team(TeamRole.Manager, "delete prospects"),
        [Permission.ManageSuppression] = Rule.Team(TeamRole.Manager, "add to the do-not-contact list"),
        [Permission.RemoveSuppression] = Rule.Team(TeamRole.Manager, "remove from the do-not-contact list"),
        [Permission.ExportSuppression] = Rule.Team(TeamRole.Manager, "export the do-not-contact list"),
        [Permission.ManageFollowUpRules] = Rule.Team(TeamRole.Manager, "change follow-up rules"),
        [Permission.ManageReportSubscriptions] = Rule.Team(TeamRole.Manager, "change the weekly report"),
        [Permission.UseKillSwitches] = Rule.Team(TeamRole.Manager, "stop or resume sending"),
        [Permission.ManageTeamSettings] = Rule.Team(TeamRole.Admin, "change team settings"),
        [Permission.ManageMessaging] = Rule.Team(TeamRole.Admin, "change messaging settings"),
        [Permission.ManageMembers] = Rule.Team(TeamRole.Admin, "manage team members"),
        [Permission.ManageWebhooks] = Rule.Team(TeamRole.Admin, "manage webhooks"),
        [Permission.ManageBudgets] = Rule.Team(TeamRole.Admin, "change sending limits and budgets"),
        [Permission.StopAllSending] = Rule.Installation("stop or resume sending for every team"),
        [Permission.ManageTeams] = Rule.Installation("manage teams"),
        [Permission.ChangeOwnPreferences] = Rule.Self("change these preferences"),
    };

    public static Rule For(Permission permission) =>
        Table.TryGetValue(permission, out var rule) ? rule : throw new ArgumentOutOfRangeException(nameof(permission), permission, "No rule for this permission.");

    /// <summary>Whether a caller with <paramref name="role"/> in the team (null: none) holds the permission.</summary>
    public static bool Allows(Permission permission, TeamRole? role, bool installationAdmin) => For(permission) switch
    {
        { Kind: RuleKind.Installation } => installationAdmin,
        { Kind: RuleKind.Self } => true,
        var rule => role is { } held && held.IsAtLeast(rule.Minimum),
    };

    /// <summary>The least role that holds a team permission (for pages and role pickers).</summary>
    public static TeamRole MinimumRole(Permission permission) => For(permission) is { Kind: RuleKind.Team } rule
        ? rule.Minimum
        : throw new ArgumentOutOfRangeException(nameof(permission), permission, "Not a team permission.");

    public enum RuleKind
    {
        Team,
        Installation,
        Self,
    }

    /// <summary>One row: who holds it, and the words for a refusal ("Your role (Agent) cannot ...").</summary>
    public sealed record Rule(RuleKind Kind, TeamRole Minimum, string Action)
    {
        public static Rule Team(TeamRole minimum, string action) => new(RuleKind.Team, minimum, action);

        public static Rule Installation(string action) => new(RuleKind.Installation, TeamRole.Viewer, action);

        public static Rule Self(string action) => new(RuleKind.Self, TeamRole.Viewer, action);
    }
}
