using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Identity;

namespace Outreach.Console.Features.Account;

/// <summary>
/// A circuit can live for hours. Every minute, check that its user still exists with the same security
/// stamp and still holds the same role in the same team; otherwise the circuit signs out.
/// </summary>
public sealed class MembershipRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        var principal = state.User;
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        if (users.SupportsUserSecurityStamp &&
            principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
        {
            return false;
        }
        if (!Guid.TryParse(principal.FindFirstValue(OutreachClaimTypes.TeamId), out var teamId))
        {
            return true;
        }
        var membership = await scope.ServiceProvider.GetRequiredService<MembershipDirectory>().FindActiveAsync(user.Id, teamId, cancellationToken);
        return membership is not null && membership.Role.ToString() == principal.FindFirstValue(OutreachClaimTypes.TeamRole);
    }
}
