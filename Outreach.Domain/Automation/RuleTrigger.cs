using Outreach.Domain.Inbox;

namespace Outreach.Domain.Automation;

/// <summary>
/// When a rule fires. <see cref="ReplyKinds"/> narrows the reply triggers (empty: any reply);
/// <see cref="CampaignId"/> and <see cref="Step"/> (1-based) narrow the campaign trigger (null: any).
/// </summary>
public sealed record RuleTrigger(RuleTriggerKind Kind, int DelayMinutes = 0)
{
    public const int MaxDelayMinutes = 60 * 24 * 30;

    public IReadOnlyList<ReplyKind> ReplyKinds { get; init; } = [];

    public Guid? CampaignId { get; init; }

    public int? Step { get; init; }

    public TimeSpan Delay => TimeSpan.FromMinutes(DelayMinutes);

    public bool IsAboutReplies => Kind != RuleTriggerKind.CampaignStepCompleted;

    /// <summary>The delay is what the trigger waits for: without it, "no reply" or "not answered" mean nothing.</summary>
    public bool NeedsDelay => Kind is RuleTriggerKind.NoReplyAfterClassification or RuleTriggerKind.NotAnsweredByHuman;

    public bool Matches(RuleEvent happened) => happened switch
    {
        RuleEvent.ReplyReceived reply => IsAboutReplies && (ReplyKinds.Count == 0 || ReplyKinds.Contains(reply.Kind)),
        RuleEvent.StepSent step => Kind == RuleTriggerKind.CampaignStepCompleted
            && (CampaignId is null || CampaignId == step.CampaignId)
            && (Step is null || Step == step.Step),
        _ => false,
    };
}
