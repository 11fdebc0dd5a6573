using Outreach.Domain.Messaging;

namespace Outreach.Infrastructure.Messaging.Twilio;

/// <summary>Twilio's message statuses (API responses and the MessageStatus webhook field) in our terms.</summary>
public static class TwilioStatuses
{
    /// <summary>
    /// The status of an outbound message, or null for statuses that belong to inbound messages
    /// (receiving, received) and for ones Twilio may add later.
    /// </summary>
    public static MessageStatus? Map(string twilioStatus) => twilioStatus.Trim().ToLowerInvariant() switch
    {
        // accepted: a Messaging Service has it but has not picked a sender yet; scheduled: held until its send time.
        "queued" or "accepted" or "scheduled" => MessageStatus.Queued,
        "sending" => MessageStatus.Sending,
        "sent" => MessageStatus.Sent,
        "delivered" => MessageStatus.Delivered,
        // A read receipt (WhatsApp, RCS) can only follow delivery.
        "read" => MessageStatus.Delivered,
        "undelivered" => MessageStatus.Undelivered,
        "failed" => MessageStatus.Failed,
        "canceled" => MessageStatus.Canceled,
        _ => null,
    };
}
