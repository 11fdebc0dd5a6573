namespace Outreach.Domain.Guardrails;

/// <summary>How a guardrail reason reads to an operator, and which reasons are kill switches.</summary>
public static class GuardrailReasons
{
    /// <summary>A stop someone engaged: its refusals are one entry per stop episode, not one per refused send.</summary>
    public static bool IsKillSwitch(this GuardrailReason reason) => reason is
        GuardrailReason.GlobalKillSwitch or GuardrailReason.TeamKillSwitch or GuardrailReason.ChannelKillSwitch or GuardrailReason.CampaignKillSwitch;

    public static string Label(this GuardrailReason reason) => reason switch
    {
        GuardrailReason.None => "Allowed",
        GuardrailReason.Suppressed => "On the do-not-contact list",
        GuardrailReason.GlobalKillSwitch => "Installation stopped",
        GuardrailReason.TeamKillSwitch => "Team sending stopped",
        GuardrailReason.ChannelKillSwitch => "SMS stopped",
        GuardrailReason.QuietHours => "Outside sending hours",
        GuardrailReason.InvalidRecipient => "Invalid number",
        GuardrailReason.NoSendingNumber => "No sending number",
        GuardrailReason.CampaignKillSwitch => "Campaign stopped",
        GuardrailReason.CampaignNotRunning => "Campaign not running",
        GuardrailReason.StopOnReply => "Prospect replied",
        GuardrailReason.MaxFollowUps => "Follow-up limit reached",
        GuardrailReason.AwaitingApproval => "Awaiting approval",
        GuardrailReason.DuplicateContent => "Same text sent in the last 24 h",
        GuardrailReason.CampaignBudget => "Campaign budget reached",
        GuardrailReason.TeamBudget => "Team monthly budget reached",
        GuardrailReason.FrequencyCap => "Frequency cap",
        GuardrailReason.CampaignDailyCap => "Campaign daily cap",
        GuardrailReason.Throttle => "Throttled",
        _ => reason.ToString(),
    };

    /// <summary>The label of a reason stored as text (unknown values read as they are).</summary>
    public static string Label(string reason) => Enum.TryParse<GuardrailReason>(reason, out var parsed) ? parsed.Label() : reason;

    public static string Label(this GuardrailOutcome outcome) => outcome switch
    {
        GuardrailOutcome.Allow => "Allowed",
        GuardrailOutcome.Defer => "Deferred",
        GuardrailOutcome.Block => "Held",
        _ => outcome.ToString(),
    };
}
