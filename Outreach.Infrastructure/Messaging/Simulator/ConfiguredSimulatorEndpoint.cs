using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>The default <see cref="ISimulatorEndpoint"/>: <see cref="SimulatorOptions.PublicBaseUrl"/>.</summary>
public sealed class ConfiguredSimulatorEndpoint(IOptionsMonitor<SimulatorOptions> options) : ISimulatorEndpoint
{
    public Uri BaseUrl
    {
        get
        {
            var configured = options.CurrentValue.PublicBaseUrl;
            if (string.IsNullOrWhiteSpace(configured) || !Uri.TryCreate(configured, UriKind.Absolute, out var url))
            {
                throw new InvalidOperationException(
                    $"The SMS simulator does not know where the console listens: set {SimulatorOptions.Section}:PublicBaseUrl "
                    + "(for example http://127.0.0.1:5000), or register an ISimulatorEndpoint that reads the server's address.");
            }
            return url;
        }
    }
}
