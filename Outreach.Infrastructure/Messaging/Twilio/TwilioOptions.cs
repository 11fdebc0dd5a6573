namespace Outreach.Infrastructure.Messaging.Twilio;

/// <summary>"Outreach:Messaging:Twilio". Also used for any Twilio-compatible REST API (BaseUrl).</summary>
public sealed class TwilioOptions
{
    public const string DefaultBaseUrl = "https://api.twilio.com";

    public string? AccountSid { get; set; }

    /// <summary>Authenticates our API calls and signs Twilio's webhooks (X-Twilio-Signature).</summary>
    public string? AuthToken { get; set; }

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Optional; sent together with From so the service's compliance features apply while From stays the sender.</summary>
    public string? MessagingServiceSid { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken);
}
