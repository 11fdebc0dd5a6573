namespace Outreach.Domain.Auditing;

/// <summary>The audit action names. Dotted, stable, and searchable in the audit log.</summary>
public static class AuditActions
{
    public const string SignedIn = "auth.signed_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string LockedOut = "auth.locked_out";
    public const string SignedOut = "auth.signed_out";
    public const string PasswordChanged = "auth.password_changed";
    public const string TeamSwitched = "auth.team_switched";
    public const string TeamCreated = "team.created";
    public const string TeamSettingsChanged = "team.settings_changed";
    public const string MemberAdded = "member.added";
    public const string MemberRoleChanged = "member.role_changed";
    public const string MemberDeactivated = "member.deactivated";
    public const string MemberReactivated = "member.reactivated";
    public const string ImportStarted = "import.started";
    public const string ImportCancelled = "import.cancelled";
    public const string ProspectCreated = "prospect.created";
    public const string ProspectEdited = "prospect.edited";
    public const string ProspectsBulkChanged = "prospect.bulk_changed";
    public const string ProspectsDeleted = "prospect.deleted";
    public const string SuppressionAdded = "suppression.added";
    public const string SuppressionRemoved = "suppression.removed";
    public const string SuppressionImported = "suppression.imported";
    public const string SuppressionExported = "suppression.exported";
    public const string TeamSendingPaused = "sending.team_paused";
    public const string TeamSendingResumed = "sending.team_resumed";
    public const string GlobalSendingPaused = "sending.global_paused";
    public const string GlobalSendingResumed = "sending.global_resumed";
    public const string KillSwitchExplained = "sending.kill_switch_explained";
    public const string MessagingSettingsChanged = "messaging.settings_changed";
    public const string SendingLimitsChanged = "sending.limits_changed";
    public const string SendingNumberAdded = "messaging.number_added";
    public const string SendingNumberChanged = "messaging.number_changed";
    public const string MessageQueued = "message.queued";
    public const string MessageBlocked = "message.blocked";
    public const string ReportExported = "report.exported";
    public const string ReportScheduleChanged = "report.schedule_changed";
    public const string ReportEmailed = "report.emailed";
    public const string RuleCreated = "automation.rule_created";
    public const string RuleChanged = "automation.rule_changed";
    public const string RulePaused = "automation.rule_paused";
    public const string RuleResumed = "automation.rule_resumed";
    public const string RuleDeleted = "automation.rule_deleted";

    /// <summary>What part of the console an action belongs to, in the words the pages use (codes stay in the audit log's data).</summary>
    public static string Area(string action) => action[..Math.Max(0, action.IndexOf('.'))] switch
    {
        "auth" => "Account",
        "team" or "member" => "Team",
        "import" or "prospect" => "Prospects",
        "suppression" => "Do-not-contact",
        "sending" or "messaging" or "message" => "Sending",
        "campaign" => "Campaign",
        "report" => "Reports",
        "automation" => "Automation",
        "task" => "Tasks",
        _ => "Console",
    };
}
