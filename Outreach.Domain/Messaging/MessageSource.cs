namespace Outreach.Domain.Messaging;

/// <summary>Who asked for an outbound message; every source goes through the same guardrails.</summary>
public enum MessageSource
{
    Manual,
    Campaign,
    FollowUp,
    AutoReply,
    System,
}
