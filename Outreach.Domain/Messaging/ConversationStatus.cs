namespace Outreach.Domain.Messaging;

public enum ConversationStatus
{
    Open,
    Snoozed,
    Done,
}
