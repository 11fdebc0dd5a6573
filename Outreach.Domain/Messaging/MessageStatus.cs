namespace Outreach.Domain.Messaging;

/// <summary>Where an outbound message is in its life; stored as text.</summary>
public enum MessageStatus
{
    Queued,
    Sending,
    Sent,
    Delivered,
    Undelivered,
    Failed,
    Canceled,
}
