namespace Outreach.Domain.Guardrails;

/// <summary>Which guardrail decided; recorded with every deferred or blocked message and stored as text.</summary>
public enum GuardrailReason
{
    None,
    Suppressed,
    GlobalKillSwitch,
    TeamKillSwitch,
    ChannelKillSwitch,
    QuietHours,
    InvalidRecipient,
    NoSendingNumber,
    CampaignKillSwitch,
    CampaignNotRunning,
    StopOnReply,
    MaxFollowUps,
    AwaitingApproval,
    DuplicateContent,
    CampaignBudget,
    TeamBudget,
    FrequencyCap,
    CampaignDailyCap,
    Throttle,
}
