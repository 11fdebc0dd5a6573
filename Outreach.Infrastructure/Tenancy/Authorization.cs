using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Tenancy;

/// <summary>
/// Checks a caller against the <see cref="Permissions"/> table. A circuit's copy of the role can be a minute
/// old, so destructive changes use <see cref="DemandCurrentAsync"/>, which re-reads it inside their transaction.
/// </summary>
public static class Authorization
{
    /// <summary>
    /// Re-reads the caller's role (and installation administration) from the database through
    /// <paramref name="db"/>, inside its transaction if one is open, then checks it. Returns the caller as the
    /// database knows it; background work gets null.
    /// </summary>
    public static async Task<Caller?> DemandCurrentAsync(this OutreachDbContext db, TenantScope scope, Permission permission, CancellationToken cancellationToken)
    {
        scope.Demand(permission);
        if (scope.IsSystem || scope.Caller is not { } caller)
        {
            return null;
        }
        var kind = Permissions.For(permission).Kind;
        var current = caller;
        if (kind == Permissions.RuleKind.Team)
        {
            // The team is named, not left to the query filter: a system context sees every team's memberships.
            var teamId = scope.RequireTeamId();
            var role = await db.Memberships.AsNoTracking()
                .Where(m => m.TeamId == teamId && m.UserId == caller.UserId && m.IsActive)
                .Select(m => (TeamRole?)m.Role)
                .SingleOrDefaultAsync(cancellationToken);
            current = caller with { Role = role };
        }
        else if (kind == Permissions.RuleKind.Installation)
        {
            var admin = await db.Users.AsNoTracking().AnyAsync(u => u.Id == caller.UserId && u.IsInstallationAdmin, cancellationToken);
            current = caller with { IsInstallationAdmin = admin };
        }
        Check(scope, current, permission);
        return current;
    }

    /// <summary>
    /// The caller as a member who may manage the team's members, re-read inside the change; membership changes are
    /// made by a person, never by background work.
    /// </summary>
    public static async Task<MembershipActor> DemandMemberManagerAsync(this OutreachDbContext db, TenantScope scope, CancellationToken cancellationToken) =>
        await db.DemandCurrentAsync(scope, Permission.ManageMembers, cancellationToken) is { Role: { } role } caller
            ? new MembershipActor(caller.UserId, role)
            : throw new PermissionDeniedException(Permission.ManageMembers, "Team members are managed by a person, not by background work.");

    internal static void Check(TenantScope scope, Caller? caller, Permission permission)
    {
        if (scope.IsSystem || (caller is null && scope.TeamId is not null))
        {
            return;
        }
        var rule = Permissions.For(permission);
        if (caller is null)
        {
            throw new PermissionDeniedException(permission, $"Sign in to {rule.Action}.");
        }
        if (Permissions.Allows(permission, caller.Role, caller.IsInstallationAdmin))
        {
            if (rule.Kind == Permissions.RuleKind.Team && scope.TeamId is null)
            {
                throw new PermissionDeniedException(permission, $"Choose a team to {rule.Action}.");
            }
            return;
        }
        throw new PermissionDeniedException(permission, rule.Kind switch
        {
            Permissions.RuleKind.Installation => $"Only an installation administrator can {rule.Action}.",
            _ when caller.Role is null => $"You have no role in this team, so you cannot {rule.Action}.",
            _ => $"Your role ({caller.Role}) cannot {rule.Action}.",
        });
    }
}
