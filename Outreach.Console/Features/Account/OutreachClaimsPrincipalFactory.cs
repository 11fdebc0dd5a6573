using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Identity;

namespace Outreach.Console.Features.Account;

/// <summary>What the sign-in cookie carries besides the user id: the name to show and the team opened.</summary>
public sealed class OutreachClaimsPrincipalFactory(
    UserManager<AppUser> users,
    IOptions<IdentityOptions> options,
    MembershipDirectory memberships)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(OutreachClaimTypes.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        if (user.IsInstallationAdmin)
        {
            identity.AddClaim(new Claim(OutreachClaimTypes.InstallationAdmin, "true"));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(OutreachClaimTypes.MustChangePassword, "true"));
        }
        var team = await memberships.ChooseTeamAsync(user, CancellationToken.None);
        if (team is not null)
        {
            identity.AddClaim(new Claim(OutreachClaimTypes.TeamId, team.TeamId.ToString()));
        }
        return identity;
    }
}
