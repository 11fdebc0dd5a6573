namespace Outreach.Domain.Webhooks;

/// <summary>
/// The events a team can subscribe a URL to. The codes are the <c>type</c> of every payload and stay stable:
/// receivers switch on them.
/// </summary>
public static class WebhookEventTypes
{
    public const string ReplyReceived = "reply.received";
    public const string OptedOut = "prospect.opted_out";
    public const string DeliveryFailed = "message.delivery_failed";
    public const string CampaignStateChanged = "campaign.state_changed";
    public const string KillSwitchEngaged = "kill_switch.engaged";
    public const string KillSwitchReleased = "kill_switch.released";
    public const string TaskCreated = "task.created";
    public const string TaskAssigned = "task.assigned";
    public const string ImportFinished = "import.finished";

    /// <summary>Sent by "send a test event" only; no subscription chooses it.</summary>
    public const string Test = "webhook.test";

    /// <summary>Every type a subscription can choose, in the order the settings page lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ReplyReceived, OptedOut, DeliveryFailed, CampaignStateChanged, KillSwitchEngaged, KillSwitchReleased, TaskCreated, TaskAssigned, ImportFinished,
    ];

    public static string Label(string type) => type switch
    {
        ReplyReceived => "Reply received (classified)",
        OptedOut => "Opt-out",
        DeliveryFailed => "Delivery failed",
        CampaignStateChanged => "Campaign state changed",
        KillSwitchEngaged => "Kill switch engaged",
        KillSwitchReleased => "Kill switch released",
        TaskCreated => "Task created",
        TaskAssigned => "Task assigned",
        ImportFinished => "Import finished",
        Test => "Test event",
        _ => type,
    };
}
