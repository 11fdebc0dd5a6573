namespace Outreach.Infrastructure.Events;

public static class LiveEventKinds
{
    /// <summary>Events may have been missed (this node lost its listener for a while): re-read everything.</summary>
    public const string Resync = "live.resync";

    public const string AuditRecorded = "audit.recorded";
    public const string TeamChanged = "team.changed";
    public const string MembersChanged = "members.changed";

    public const string ImportProgress = "import.progress";
    public const string ImportFinished = "import.finished";
    public const string ProspectsChanged = "prospects.changed";
    public const string SuppressionChanged = "suppression.changed";
    public const string MessagesChanged = "messages.changed";
    public const string MessagingSettingsChanged = "messaging.settings_changed";
    public const string MessageReceived = "message.received";
    public const string MessageStatusChanged = "message.status";

    public const string ConversationsChanged = "conversations.changed";
    public const string PresenceChanged = "presence.changed";
    public const string CampaignChanged = "campaign.changed";
    public const string CampaignProgress = "campaign.progress";
    public const string KillSwitchChanged = "sending.kill_switch";

    public const string RulesChanged = "automation.rules_changed";
    public const string ExecutionsChanged = "automation.executions_changed";
    public const string TeamNotice = "automation.notice";
    public const string TasksChanged = "tasks.changed";

    /// <summary>A user's sessions must end (signed out everywhere, password reset): open circuits re-check at once.</summary>
    public const string SessionsEnded = "account.sessions_ended";
}
