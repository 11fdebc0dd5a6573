using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure;
using Outreach.Infrastructure.Messaging.Simulator;

namespace Outreach.Console.Endpoints;

/// <summary>
/// Where the simulator posts its webhooks: the configured public address, else the address this node
/// listens on (known once the server has started), so the demo works with no configuration at all.
/// </summary>
public sealed class ServerSimulatorEndpoint(IServer server, IOptions<OutreachOptions> options) : ISimulatorEndpoint
{
    public Uri BaseUrl
    {
        get
        {
            if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
            {
                return new Uri(configured.TrimEnd('/') + "/");
            }
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The console is not listening yet; the simulator will try again.");
            // A wildcard listen address is not somewhere to connect to; loopback is.
            var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://127.0.0.1"));
            return new Uri(uri.Uri.GetLeftPart(UriPartial.Authority) + "/");
        }
    }
}
