namespace Outreach.Domain.Webhooks;

public enum WebhookDeliveryState
{
    /// <summary>Waiting for its next attempt (or being attempted under a lease).</summary>
    Pending,
    Delivered,

    /// <summary>Given up after three days of failures, or its subscription was disabled.</summary>
    Failed,
}
