using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Outreach.Infrastructure.Identity;

namespace Outreach.Console.Features.Account;

/// <summary>
/// Turns the cookie's team into a role by reading the membership on every authentication, so a role
/// change or a deactivation applies to the next request, and a team the user left grants nothing.
/// </summary>
public sealed class TeamClaimsTransformation(MembershipDirectory memberships) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return principal;
        }
        // Role claims are never taken from the cookie (or a stored user claim): always recomputed.
        var transformed = principal.Clone();
        var identity = (ClaimsIdentity)transformed.Identity!;
        foreach (var stale in identity.FindAll(c => c.Type is OutreachClaimTypes.TeamRole or OutreachClaimTypes.TeamName).ToList())
        {
            identity.RemoveClaim(stale);
        }
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ||
            !Guid.TryParse(principal.FindFirstValue(OutreachClaimTypes.TeamId), out var teamId))
        {
            return transformed;
        }
        var membership = await memberships.FindActiveAsync(userId, teamId, CancellationToken.None);
        if (membership is null)
        {
            return transformed;
        }
        identity.AddClaim(new Claim(OutreachClaimTypes.TeamRole, membership.Role.ToString()));
        identity.AddClaim(new Claim(OutreachClaimTypes.TeamName, membership.TeamName));
        return transformed;
    }
}
