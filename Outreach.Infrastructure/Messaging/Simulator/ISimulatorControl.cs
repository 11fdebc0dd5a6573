namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>Lets tests, load drivers and demos act as the far end of the simulated network.</summary>
public interface ISimulatorControl
{
    /// <summary>
    /// Accepted sends whose status callbacks or reply are still to be posted (or retried). Zero means the
    /// simulator has nothing more to say about anything sent so far.
    /// </summary>
    int PendingSends { get; }

    /// <summary>
    /// Posts an inbound message to the console's inbound webhook now, signed as Twilio would sign it, retrying
    /// as for any webhook.
    /// </summary>
    /// <param name="from">The texter, in E.164.</param>
    /// <param name="to">The console's number that receives it, in E.164.</param>
    /// <returns>The new message's sid ("SM" and 32 hex digits).</returns>
    /// <exception cref="HttpRequestException">The console did not accept it.</exception>
    Task<string> SimulateInboundAsync(string from, string to, string body, CancellationToken cancellationToken);
}
