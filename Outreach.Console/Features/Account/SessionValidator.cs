using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Identity;

namespace Outreach.Console.Features.Account;

/// <summary>
/// Whether a session (a cookie's principal, or a circuit's) still stands: the user exists with the same security
/// stamp (changed by "sign out everywhere" and by a password reset) and is still an active member of the team
/// the session works in.
/// </summary>
public sealed class SessionValidator(UserManager<AppUser> users, MembershipDirectory memberships, IOptions<IdentityOptions> options)
{
    /// <param name="sameRole">
    /// A circuit keeps the role it started with, so it must also still hold that role; a cookie's role is read
    /// afresh on every request, so a changed role does not end it.
    /// </param>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, bool sameRole, CancellationToken cancellationToken)
    {
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
        var membership = await memberships.FindActiveAsync(user.Id, teamId, cancellationToken);
        return membership is not null && (!sameRole || membership.Role.ToString() == principal.FindFirstValue(OutreachClaimTypes.TeamRole));
    }
}
