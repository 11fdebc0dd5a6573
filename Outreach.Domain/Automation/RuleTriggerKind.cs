namespace Outreach.Domain.Automation;

/// <summary>What starts a follow-up rule; stored as text.</summary>
public enum RuleTriggerKind
{
    /// <summary>A reply of one of the kinds arrives (after an optional delay).</summary>
    ReplyClassified,

    /// <summary>A reply of one of the kinds arrives and the prospect says nothing more for the delay.</summary>
    NoReplyAfterClassification,

    /// <summary>A reply arrives and no person of the team answers it within the delay.</summary>
    NotAnsweredByHuman,

    /// <summary>A campaign step was sent to the prospect (after an optional delay).</summary>
    CampaignStepCompleted,
}
