namespace Outreach.Domain.Webhooks;

/// <summary>How a subscription's requests are shaped.</summary>
public enum WebhookFormat
{
    /// <summary>JSON signed per the Standard Webhooks specification.</summary>
    Standard,

    /// <summary>A Slack incoming webhook: a Slack message (text and blocks), unsigned, since Slack's URL is the secret.</summary>
    Slack,
}
