namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// The secret the simulator signs its webhooks with, in the role of Twilio's auth token; the console's webhook
/// endpoints must check X-Twilio-Signature with the same key. Asked for every webhook, so cache it.
/// </summary>
public interface ISimulatorSigningKey
{
    /// <exception cref="InvalidOperationException">No key is available.</exception>
    ValueTask<string> GetAsync(CancellationToken cancellationToken);
}
