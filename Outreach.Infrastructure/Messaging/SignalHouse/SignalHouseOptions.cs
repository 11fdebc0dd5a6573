namespace Outreach.Infrastructure.Messaging.SignalHouse;

/// <summary>"Outreach:Messaging:SignalHouse".</summary>
public sealed class SignalHouseOptions
{
    public const string DefaultBaseUrl = "https://v2.signalhouse.io";

    /// <summary>API key, sent as a bearer token.</summary>
    public string? ApiToken { get; set; }

    /// <summary>The signing secret SignalHouse returns once when a webhook endpoint is created.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// The SignalHouse group that owns the sending numbers. Their message search (GET /message) refuses to run
    /// without it, and that search is how a send interrupted by a crash is found again.
    /// </summary>
    public string? GroupId { get; set; }

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiToken);
}
