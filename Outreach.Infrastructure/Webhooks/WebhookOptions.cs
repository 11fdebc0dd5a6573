using System.ComponentModel.DataAnnotations;

namespace Outreach.Infrastructure.Webhooks;

/// <summary>The installation's settings for outgoing webhooks (<c>Outreach:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Outreach:Webhooks";

    /// <summary>Runs the dispatcher on this node; every node may, they share the work through the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Lets receivers sit on private, loopback and link-local addresses. Off by default: a team must not be able to
    /// make the console call into the network it runs in. Tests and installations with in-house receivers turn it on.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 1_000;

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    [Range(1, 64)]
    public int MaxInFlight { get; set; } = 8;

    /// <summary>How long a claim holds; longer than the request timeout, so a live node never loses its claim mid-request.</summary>
    [Range(5, 3_600)]
    public int LeaseSeconds { get; set; } = 60;

    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    [Range(1, 3_650)]
    public int RetentionDays { get; set; } = 30;
}
