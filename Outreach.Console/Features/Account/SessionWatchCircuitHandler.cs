using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Outreach.Console.Features.Account;

/// <summary>Makes a circuit's authentication state listen for the end of its session (see the provider).</summary>
public sealed class SessionWatchCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        (authentication as MembershipRevalidatingAuthenticationStateProvider)?.WatchLiveEvents();
        return Task.CompletedTask;
    }
}
