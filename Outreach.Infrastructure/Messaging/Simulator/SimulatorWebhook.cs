namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// One webhook the simulator will post, and the one to post after it. Chaining keeps a message's callbacks in
/// order (sent, then delivered, then the reply) even when many are posted at once: the next is scheduled only
/// when this one has been answered or given up on.
/// </summary>
internal sealed class SimulatorWebhook
{
    private KeyValuePair<string, string>[]? form;
    private string? eventId;

    /// <summary>For logs: "status sent", "inbound".</summary>
    public required string Kind { get; init; }

    public required string MessageSid { get; init; }

    /// <summary>Where to post; when null, <see cref="DefaultPath"/> on the console's own base URL.</summary>
    public Uri? Url { get; init; }

    /// <summary>Relative to the console's base URL, no leading slash, so a base URL with a path keeps it.</summary>
    public required string DefaultPath { get; init; }

    /// <summary>Builds the form fields when the webhook is first posted; retries post the same ones.</summary>
    public required Func<KeyValuePair<string, string>[]> CreateForm { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Form => form ??= CreateForm();

    /// <summary>Sent as I-Twilio-Idempotency-Token, the same on every retry, as Twilio does.</summary>
    public string EventId => eventId ??= Guid.NewGuid().ToString();

    /// <summary>When it is due, on <see cref="TimeProvider.GetTimestamp"/>'s clock.</summary>
    public long DueTimestamp { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }

    public SimulatorWebhook? Next { get; init; }
}
