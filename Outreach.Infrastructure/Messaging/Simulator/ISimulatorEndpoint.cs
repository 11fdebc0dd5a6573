namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// Where the console listens, so the simulator can call its webhooks as a real provider would. Read for every
/// webhook, so a host may answer only once it knows its own address (after the server has started).
/// </summary>
public interface ISimulatorEndpoint
{
    /// <summary>The console's base URL; webhook paths are resolved against it.</summary>
    /// <exception cref="InvalidOperationException">The address is not known (yet).</exception>
    Uri BaseUrl { get; }
}
