namespace Outreach.Domain.Inbox;

/// <summary>How soon an operator should answer a conversation.</summary>
public enum LeadPriority
{
    Hot,
    Warm,
    Cold,
}
