using Outreach.Domain.Inbox;

namespace Outreach.Domain.Automation;

/// <summary>Something a prospect or a campaign did that rules may react to.</summary>
public abstract record RuleEvent(Guid ConversationId, Guid ProspectId, DateTimeOffset At)
{
    /// <summary>Identifies the occurrence, so that a repeated delivery schedules nothing twice.</summary>
    public abstract string Key { get; }

    /// <summary>An inbound reply, classified.</summary>
    public sealed record ReplyReceived(Guid ConversationId, Guid ProspectId, Guid MessageId, ReplyKind Kind, DateTimeOffset At)
        : RuleEvent(ConversationId, ProspectId, At)
    {
        public override string Key => $"reply:{MessageId:N}";
    }

    /// <summary>A campaign step (1-based) was queued for the prospect.</summary>
    public sealed record StepSent(Guid ConversationId, Guid ProspectId, Guid CampaignId, long EnrollmentId, int Step, DateTimeOffset At)
        : RuleEvent(ConversationId, ProspectId, At)
    {
        public override string Key => $"step:{EnrollmentId}:{Step}";
    }
}
