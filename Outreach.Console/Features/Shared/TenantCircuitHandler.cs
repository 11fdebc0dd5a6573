using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Outreach.Console.Features.Shared;

/// <summary>
/// A circuit has its own service scope, apart from the HTTP request that started it. This sets the
/// circuit's member (and so its tenant scope) from the circuit's authenticated user before any component
/// of it renders, and again whenever the authentication state changes.
/// </summary>
public sealed class TenantCircuitHandler(AuthenticationStateProvider authentication, CurrentMember member) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        member.Initialize((await authentication.GetAuthenticationStateAsync()).User);
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) => _ = ApplyAsync(state);

    private async Task ApplyAsync(Task<AuthenticationState> state)
    {
        try
        {
            member.Initialize((await state).User);
        }
        catch (Exception)
        {
            // Fail closed: without a readable user the circuit sees no team.
            member.Initialize(new System.Security.Claims.ClaimsPrincipal());
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
}
