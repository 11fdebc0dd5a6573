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
    public const string MemberInvited = "member.invited";
    public const string InvitationResent = "member.invitation_resent";
    public const string InvitationRevoked = "member.invitation_revoked";
    public const string InvitationAccepted = "member.invitation_accepted";
    public const string ExternalLoginLinked = "auth.external_login_linked";
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
    public const string PasswordResetRequested = "auth.password_reset_requested";
    public const string PasswordReset = "auth.password_reset";
    public const string SignedOutEverywhere = "auth.signed_out_everywhere";

    /// <summary>What part of the console an action belongs to, in the words the pages use (codes stay in the audit log's data).</summary>
    public static string Area(string action)
    {
        var prefix = action[..Math.Max(0, action.IndexOf('.'))];
        return AreaOfPrefix.FirstOrDefault(p => p.Prefix == prefix).Area ?? OtherArea;
    }

    /// <summary>The area of actions whose prefix no area claims.</summary>
    public static string OtherArea => "Console";

    /// <summary>The areas an operator can filter the audit log by, in the order a menu lists them.</summary>
    public static IReadOnlyList<string> Areas => AreaOfPrefix.Select(p => p.Area).Distinct().ToArray();

    /// <summary>The code prefixes ("auth", "member") of an area, for filtering the log where it is stored.</summary>
    public static IReadOnlyList<string> PrefixesOf(string area) =>
        AreaOfPrefix.Where(p => p.Area == area).Select(p => p.Prefix).ToArray();

    /// <summary>
    /// What an action reads as on screen ("Signed in", "Stopped all sending"). The code stays the stable name in
    /// exports and filters; an action without a label reads as its code in words, so a new action is never blank,
    /// but <c>AuditActionLabelTests</c> fails until it gets one.
    /// </summary>
    public static string Label(string action) =>
        Labels.TryGetValue(action, out var label) ? label : Humanize(action);

    /// <summary>True when the action has a label of its own rather than its code in words.</summary>
    public static bool HasLabel(string action) => Labels.ContainsKey(action);

    /// <summary>The codes whose label contains <paramref name="text"/>, so a search for "signed in" finds <c>auth.signed_in</c>.</summary>
    public static IReadOnlyList<string> CodesLabelled(string text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : Labels.Where(l => l.Value.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)).Select(l => l.Key).ToArray();

    // In the order the area menu lists them.
    private static readonly (string Prefix, string Area)[] AreaOfPrefix =
    [
        ("auth", "Account"),
        ("team", "Team"),
        ("member", "Team"),
        ("import", "Prospects"),
        ("prospect", "Prospects"),
        ("suppression", "Do-not-contact"),
        ("sending", "Sending"),
        ("messaging", "Sending"),
        ("message", "Sending"),
        ("campaign", "Campaign"),
        ("report", "Reports"),
        ("automation", "Automation"),
        ("task", "Tasks"),
        ("webhook", "Webhooks"),
    ];

    // Campaign and kill switch actions are declared beside their feature (CampaignAuditActions) and labelled here,
    // so that every label is in one place.
    private static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SignedIn] = "Signed in",
        [SignInFailed] = "Sign-in failed",
        [LockedOut] = "Locked out after failed sign-ins",
        [SignedOut] = "Signed out",
        [PasswordChanged] = "Changed password",
        [TeamSwitched] = "Switched team",
        [TeamCreated] = "Created a team",
        [TeamSettingsChanged] = "Changed team settings",
        [MemberAdded] = "Added a member",
        [MemberRoleChanged] = "Changed a member's role",
        [MemberDeactivated] = "Deactivated a member",
        [MemberReactivated] = "Reactivated a member",
        [MemberInvited] = "Invited a member",
        [InvitationResent] = "Resent an invitation",
        [InvitationRevoked] = "Withdrew an invitation",
        [InvitationAccepted] = "Accepted an invitation",
        [ExternalLoginLinked] = "Linked a sign-in provider",
        [ImportStarted] = "Started an import",
        [ImportCancelled] = "Cancelled an import",
        [ProspectCreated] = "Added a prospect",
        [ProspectEdited] = "Edited a prospect",
        [ProspectsBulkChanged] = "Changed prospects in bulk",
        [ProspectsDeleted] = "Deleted prospects",
        [SuppressionAdded] = "Added to the suppression list",
        [SuppressionRemoved] = "Removed from the suppression list",
        [SuppressionImported] = "Imported a suppression list",
        [SuppressionExported] = "Exported the suppression list",
        [TeamSendingPaused] = "Stopped all sending",
        [TeamSendingResumed] = "Resumed all sending",
        [GlobalSendingPaused] = "Stopped sending for every team",
        [GlobalSendingResumed] = "Resumed sending for every team",
        [KillSwitchExplained] = "Said why sending stopped",
        [MessagingSettingsChanged] = "Changed messaging settings",
        [SendingLimitsChanged] = "Changed budget and caps",
        [SendingNumberAdded] = "Added a sending number",
        [SendingNumberChanged] = "Changed a sending number",
        [MessageQueued] = "Queued a message",
        [MessageBlocked] = "Message blocked",
        [ReportExported] = "Exported a report",
        [ReportScheduleChanged] = "Changed a report schedule",
        [ReportEmailed] = "E-mailed a report",
        [RuleCreated] = "Created a follow-up rule",
        [RuleChanged] = "Changed a follow-up rule",
        [RulePaused] = "Paused a follow-up rule",
        [RuleResumed] = "Resumed a follow-up rule",
        [RuleDeleted] = "Deleted a follow-up rule",
        [PasswordResetRequested] = "Asked for a password reset link",
        [PasswordReset] = "Reset their password",
        [SignedOutEverywhere] = "Ended every session",
        ["campaign.created"] = "Created a campaign",
        ["campaign.edited"] = "Edited a campaign",
        ["campaign.state_changed"] = "Changed a campaign's state",
        ["campaign.auto_paused"] = "Campaign paused automatically",
        ["campaign.first_contact_approved"] = "Approved first contact",
        ["sending.kill_switch_engaged"] = "Stopped sending",
        ["sending.kill_switch_released"] = "Resumed sending",
        ["webhook.created"] = "Added a webhook",
        ["webhook.edited"] = "Changed a webhook",
        ["webhook.enabled"] = "Enabled a webhook",
        ["webhook.disabled"] = "Disabled a webhook",
        ["webhook.secret_rotated"] = "Rotated a webhook secret",
        ["webhook.replayed"] = "Replayed webhook deliveries",
        ["webhook.test_sent"] = "Sent a test webhook",
    };

    // "campaign.first_contact_approved" reads "First contact approved".
    private static string Humanize(string action)
    {
        var words = action[(action.IndexOf('.') + 1)..].Replace('_', ' ').Trim();
        return words.Length == 0 ? action : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
