namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// "Outreach:Messaging:Simulator" (environment variables: Outreach__Messaging__Simulator__DelayScale).
/// The defaults make a demo feel like a real campaign: receipts within seconds, a few carrier failures,
/// and replies trickling in over the following minute.
/// </summary>
public sealed class SimulatorOptions
{
    public const string Section = "Outreach:Messaging:Simulator";

    /// <summary>When false the simulator is not registered at all, so no number can send through it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The console's own base URL (http://127.0.0.1:5000), where webhooks are posted. Read by the default
    /// <see cref="ISimulatorEndpoint"/> only; a host that learns its address at start-up supplies its own.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Signs webhooks as Twilio's auth token would (X-Twilio-Signature). Read by the default
    /// <see cref="ISimulatorSigningKey"/> only; a host that keeps the key in its database supplies its own.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Makes outcomes and reply texts reproducible run after run; null picks a random seed at start.</summary>
    public int? Seed { get; set; }

    /// <summary>Share of messages that end undelivered or failed, with a carrier error code.</summary>
    public double FailureRate { get; set; } = 0.02;

    /// <summary>Share of delivered messages whose recipient answers.</summary>
    public double ReplyRate { get; set; } = 0.12;

    /// <summary>
    /// Multiplies every simulated delay (sent after 0.2-1 s, delivered after 1-4 s, replies after 5-60 s):
    /// 0 posts everything at once, 0.01 runs a minute of traffic in under a second.
    /// </summary>
    public double DelayScale { get; set; } = 1.0;

    /// <summary>Price of one segment, in USD; Twilio's US long-code rate.</summary>
    public decimal PricePerSegment { get; set; } = 0.0079m;

    /// <summary>
    /// Reply weights by persona name (see <see cref="SimulatorPersona.Defaults"/>), overriding the defaults:
    /// Personas:OptOut = 0.5 makes half the replies opt-outs, 0 silences a persona.
    /// </summary>
    public Dictionary<string, double> Personas { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Webhooks posted at once; a burst waits its turn instead of opening thousands of sockets.</summary>
    public int MaxConcurrentWebhooks { get; set; } = 32;

    /// <summary>Tries per webhook, the first included, before the simulator gives up on it.</summary>
    public int WebhookAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry; doubled for each further one.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
