namespace Outreach.Domain.Inbox;

/// <summary>The inbox tabs a conversation is filed under.</summary>
public enum InboxBucket
{
    EmailCaptures,
    HotResponses,
    Objections,
    DoNotContact,
    Other,
}
