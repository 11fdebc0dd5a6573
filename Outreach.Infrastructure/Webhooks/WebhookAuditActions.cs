namespace Outreach.Infrastructure.Webhooks;

/// <summary>Audit actions of webhooks (kept beside the feature to keep merges small; labelled in <c>AuditActions</c>).</summary>
public static class WebhookAuditActions
{
    public const string Created = "webhook.created";
    public const string Edited = "webhook.edited";
    public const string Enabled = "webhook.enabled";
    public const string Disabled = "webhook.disabled";
    public const string SecretRotated = "webhook.secret_rotated";
    public const string Replayed = "webhook.replayed";
    public const string TestSent = "webhook.test_sent";

    /// <summary>The live event after a subscription or its log changed, so the settings page reloads.</summary>
    public const string LiveKind = "webhooks.changed";
}
