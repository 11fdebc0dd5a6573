using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Console.Features.Account;
using Outreach.Console.Features.Shared;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Identity;

namespace Outreach.Console.Tests;

/// <summary>Who may end whose sessions, checked by the service itself against the roles in the database.</summary>
[Collection(ConsoleCollection.Name)]
public class AccountSessionsTests(ConsoleFactory factory)
{
    private const string Password = "Sessions-Host-1";

    [Fact]
    public async Task An_admin_signs_a_member_out_everywhere_and_it_is_audited_in_the_team()
    {
        var admin = await UserAsync(await factory.CreateMemberAsync(TeamRole.Admin, Password));
        var agent = await UserAsync(await factory.CreateMemberAsync(TeamRole.Agent, Password));

        await using var scope = ScopeFor(admin, TeamRole.Admin);
        await scope.ServiceProvider.GetRequiredService<AccountSessions>().SignOutMemberEverywhereAsync(agent.Id, default);

        Assert.NotEqual(agent.SecurityStamp, (await UserAsync(agent.Email!)).SecurityStamp);
        await using var db = factory.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.SignedOutEverywhere && a.TeamId == admin.LastTeamId && a.Summary.Contains(agent.DisplayName)));
    }

    [Fact]
    public async Task Neither_an_agent_nor_an_admin_against_an_owner_may_end_someone_else_s_sessions()
    {
        var agent = await UserAsync(await factory.CreateMemberAsync(TeamRole.Agent, Password));
        var admin = await UserAsync(await factory.CreateMemberAsync(TeamRole.Admin, Password));
        var owner = await UserAsync(ConsoleFactory.OwnerEmail);

        await using (var scope = ScopeFor(agent, TeamRole.Agent))
        {
            var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() =>
                scope.ServiceProvider.GetRequiredService<AccountSessions>().SignOutMemberEverywhereAsync(admin.Id, default));
            Assert.Contains("cannot manage team members", refused.Message);
        }
        // The circuit's role is not what counts: a stale "Admin" claim of an agent is refused too.
        await using (var scope = ScopeFor(agent, TeamRole.Admin))
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(() =>
                scope.ServiceProvider.GetRequiredService<AccountSessions>().SignOutMemberEverywhereAsync(admin.Id, default));
        }
        await using (var scope = ScopeFor(admin, TeamRole.Admin))
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<AccountSessions>().SignOutMemberEverywhereAsync(owner.Id, default));
            Assert.Contains("Only an owner", refused.Message);
        }
        Assert.Equal(admin.SecurityStamp, (await UserAsync(admin.Email!)).SecurityStamp);
        Assert.Equal(owner.SecurityStamp, (await UserAsync(owner.Email!)).SecurityStamp);
    }

    [Fact]
    public async Task A_session_that_has_ended_cannot_sign_anyone_out()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentMember>().Initialize(new ClaimsPrincipal(new ClaimsIdentity()));

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            scope.ServiceProvider.GetRequiredService<AccountSessions>().SignOutEverywhereAsync(default));
        Assert.Contains("session has ended", refused.Message);
    }

    /// <summary>A scope as a circuit of this user would have it, claiming the given role in their team.</summary>
    private AsyncServiceScope ScopeFor(AppUser user, TeamRole claimedRole)
    {
        var scope = factory.Services.CreateAsyncScope();
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(OutreachClaimTypes.DisplayName, user.DisplayName),
            new Claim(OutreachClaimTypes.TeamId, user.LastTeamId!.Value.ToString()),
            new Claim(OutreachClaimTypes.TeamRole, claimedRole.ToString()),
        ], "test");
        scope.ServiceProvider.GetRequiredService<CurrentMember>().Initialize(new ClaimsPrincipal(identity));
        return scope;
    }

    private async Task<AppUser> UserAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        Assert.NotNull(user);
        if (user.LastTeamId is null)
        {
            // Members made by the factory join the seeded team without having opened it yet.
            await using var db = factory.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
            user.LastTeamId = await db.Memberships.Where(m => m.UserId == user.Id).Select(m => (Guid?)m.TeamId).FirstAsync();
        }
        return user;
    }
}
