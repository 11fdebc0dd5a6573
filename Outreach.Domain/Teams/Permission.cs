namespace Outreach.Domain.Teams;

/// <summary>
/// Something a caller may be allowed to do. Who may is decided in one place, <see cref="Permissions"/>;
/// services demand a permission, never a role.
/// </summary>
public enum Permission
{
    /// <summary>Presence and other bookkeeping of any member who can see the team.</summary>
    SeeTeam,
    WorkInbox,
    ManageReplyTemplates,
    SendMessages,
    WorkTasks,
    EditProspects,
    EnrichProspects,
    CancelFollowUps,
    ExportReports,
    ExportRawData,
    ManageCampaigns,
    ManageImports,
    DeleteProspects,
    ManageSuppression,
    RemoveSuppression,
    ExportSuppression,
    ManageFollowUpRules,
    ManageReportSubscriptions,
    UseKillSwitches,
    ManageTeamSettings,
    ManageMessaging,
    ManageMembers,
    ManageWebhooks,
    ManageBudgets,
    StopAllSending,
    ManageTeams,
    ChangeOwnPreferences,
}
