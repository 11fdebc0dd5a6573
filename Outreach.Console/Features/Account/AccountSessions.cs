using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Outreach.Console.Features.Shared;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Identity;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Console.Features.Account;

/// <summary>
/// "Sign out everywhere", for oneself and by an admin for a member of their team. A new security stamp makes every
/// cookie of the user fail its next check (at most a minute away, see <see cref="AccountRecovery"/>), and a live event
/// makes every open circuit of the user, on every node, re-check at once.
/// </summary>
public sealed class AccountSessions(
    IDbContextFactory<OutreachDbContext> dbFactory,
    IServiceScopeFactory scopes,
    MembershipDirectory memberships,
    CurrentMember member,
    TenantScope scope,
    IAuditLog audit,
    ILiveEventPublisher events,
    TimeProvider clock)
{
    /// <summary>Ends every session of the signed-in user, this one included.</summary>
    [Requires(Permission.ChangeOwnPreferences)]
    public async Task SignOutEverywhereAsync(CancellationToken ct)
    {
        if (!member.IsSignedIn)
        {
            throw new DomainException("Your session has ended. Sign in again.");
        }
        scope.Demand(Permission.ChangeOwnPreferences);
        var name = await EndSessionsAsync(member.UserId, ct);
        foreach (var team in await memberships.ListActiveAsync(member.UserId, ct))
        {
            await audit.RecordAsync(team.TeamId, member.Actor, AuditActions.SignedOutEverywhere, $"{name} signed out everywhere", null, ct);
        }
    }

    /// <summary>An owner or admin ends every session of a member of their team (an owner's only by an owner).</summary>
    [Requires(Permission.ManageMembers)]
    public async Task SignOutMemberEverywhereAsync(Guid userId, CancellationToken ct)
    {
        scope.Demand(Permission.ManageMembers);
        var teamId = member.RequireTeamId();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // Read from the database inside the change, not the circuit: the circuit's role can be a minute old.
            var actor = await db.DemandMemberManagerAsync(scope, ct);
            var target = await db.Memberships.AsNoTracking()
                .Where(m => m.UserId == userId)
                .Select(m => (TeamRole?)m.Role)
                .SingleOrDefaultAsync(ct) ?? throw new DomainException("Member not found.");
            if (target == TeamRole.Owner && actor.Role != TeamRole.Owner)
            {
                throw new DomainException("Only an owner can end an owner's sessions.");
            }
        }
        var name = await EndSessionsAsync(userId, ct);
        await audit.RecordAsync(teamId, member.Actor, AuditActions.SignedOutEverywhere,
            $"{member.DisplayName} signed {name} out everywhere", new { userId }, ct);
    }

    /// <summary>The live event that makes a user's open circuits re-check their session, on every node.</summary>
    public static LiveEvent SessionsEnded(Guid userId, TimeProvider clock) =>
        // No team: the user may have circuits open in several teams.
        new(null, LiveEventKinds.SessionsEnded, new Dictionary<string, string?> { ["userId"] = userId.ToString() }, clock.GetUtcNow());

    private async Task<string> EndSessionsAsync(Guid userId, CancellationToken ct)
    {
        // A scope per operation: UserManager's context must not live as long as the circuit.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new DomainException("Member not found.");
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            throw new DomainException(string.Join(" ", updated.Errors.Select(e => e.Description)));
        }
        await events.PublishAsync(SessionsEnded(userId, clock), ct);
        return user.DisplayName;
    }
}
