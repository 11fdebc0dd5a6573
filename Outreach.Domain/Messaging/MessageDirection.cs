namespace Outreach.Domain.Messaging;

public enum MessageDirection
{
    Inbound,
    Outbound,
}
