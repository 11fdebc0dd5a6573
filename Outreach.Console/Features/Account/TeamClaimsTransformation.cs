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
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == OutreachClaimTypes.TeamRole))
        {
            return principal;
        }
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ||
            !Guid.TryParse(principal.FindFirstValue(OutreachClaimTypes.TeamId), out var teamId))
        {
            return principal;
        }
        var membership = await memberships.FindActiveAsync(userId, teamId, CancellationToken.None);
        if (membership is null)
        {
            return principal;
        }
        var transformed = principal.Clone();
        var identity = (ClaimsIdentity)transformed.Identity!;
        identity.AddClaim(new Claim(OutreachClaimTypes.TeamRole, membership.Role.ToString()));
        identity.AddClaim(new Claim(OutreachClaimTypes.TeamName, membership.TeamName));
        return transformed;
    }
}
