using System.Security.Claims;
using Outreach.Console.Features.Account;
using Outreach.Console.Features.Shared;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Console.Tests.Components;

/// <summary>A signed-in member of one team, as the circuit would have it, for components that read <see cref="CurrentMember"/>.</summary>
public static class TestMember
{
    public static readonly Guid TeamId = Guid.Parse("6f1c9a52-0d3e-4c8e-9c1a-2b7d5e4f3a10");
    public static readonly Guid UserId = Guid.Parse("0b8e2d14-7a6c-4f59-8e3b-1c2d3e4f5a6b");

    public static CurrentMember Create(TeamRole role = TeamRole.Agent)
    {
        var member = new CurrentMember(new TenantScope());
        member.Initialize(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, UserId.ToString()),
            new Claim(OutreachClaimTypes.DisplayName, "Ana Agent"),
            new Claim(OutreachClaimTypes.TeamId, TeamId.ToString()),
            new Claim(OutreachClaimTypes.TeamName, "Acme Outbound"),
            new Claim(OutreachClaimTypes.TeamRole, role.ToString()),
        ], authenticationType: "Test")));
        return member;
    }
}
