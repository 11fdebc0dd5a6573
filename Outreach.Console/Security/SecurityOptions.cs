namespace Outreach.Console.Security;

/// <summary>The "Outreach:Security" section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Outreach:Security";

    /// <summary>
    /// Origins (scheme://host[:port]) allowed to open the Blazor and event hubs besides the console's own,
    /// for example the public URL when a proxy rewrites the Host header.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Addresses of reverse proxies or load balancers whose X-Forwarded-For and X-Forwarded-Proto are
    /// believed. Behind TLS termination this gives the real scheme (so cookies are Secure and the hub's
    /// origin check sees https) and the client's address in the audit log.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Sign-in form posts allowed per client address and minute; beyond it, 429.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int SignInAttemptsPerMinute { get; set; } = 20;

    /// <summary>
    /// Webhook requests allowed per source address and second; beyond it, 429 (providers retry later).
    /// Twilio and SignalHouse call from many addresses, so this bounds a misbehaving or forged source.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int WebhookRequestsPerSecond { get; set; } = 200;
}
