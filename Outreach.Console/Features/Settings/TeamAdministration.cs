using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
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

namespace Outreach.Console.Features.Settings;

public sealed record MemberRow(Guid UserId, string DisplayName, string Email, TeamRole Role, bool IsActive, DateTimeOffset JoinedAt, DateTimeOffset? LastSignInAt);

public sealed record AddMemberResult(bool CreatedAccount, string? TemporaryPassword);

/// <summary>
/// Team settings and membership use cases for owners and admins; every change is audited and published.
/// The acting member's role is read from the database inside each change (a circuit's copy can be a
/// minute old), and membership changes lock the team row so concurrent edits cannot strand a team
/// without an owner.
/// </summary>
public sealed class TeamAdministration(
    IDbContextFactory<OutreachDbContext> dbFactory,
    ISystemDbContextFactory systemDbFactory,
    IServiceScopeFactory scopes,
    CurrentMember member,
    TenantScope scope,
    IAuditLog audit,
    ILiveEventPublisher events,
    TimeProvider clock)
{
    [ReadOnly]
    public async Task<Team> GetTeamAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == member.RequireTeamId(), ct)
            ?? throw new DomainException("Team not found.");
    }

    [Requires(Permission.ManageTeamSettings)]
    public async Task UpdateTeamAsync(string name, string timeZone, CancellationToken ct)
    {
        scope.Demand(Permission.ManageTeamSettings);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.DemandCurrentAsync(scope, Permission.ManageTeamSettings, ct);
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == member.RequireTeamId(), ct) ?? throw new DomainException("Team not found.");
        var before = new { team.Name, team.TimeZone };
        team.Rename(name);
        team.ChangeTimeZone(timeZone);
        var entry = audit.Add(db, team.Id, member.Actor, AuditActions.TeamSettingsChanged,
            $"{member.DisplayName} updated team settings", new { before, after = new { team.Name, team.TimeZone } });
        await db.SaveChangesAsync(ct);
        await audit.AnnounceAsync(entry, ct);
        await PublishAsync(LiveEventKinds.TeamChanged, ct);
    }

    [ReadOnly]
    public async Task<IReadOnlyList<MemberRow>> ListMembersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Memberships are filtered to this team; users are installation-wide and joined by id.
        return await (
                from m in db.Memberships.AsNoTracking()
                join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                orderby m.Role, u.DisplayName
                select new MemberRow(u.Id, u.DisplayName, u.Email ?? "", m.Role, m.IsActive, m.JoinedAt, u.LastSignInAt))
            .ToListAsync(ct);
    }

    [Requires(Permission.ManageMembers)]
    public Task ChangeRoleAsync(Guid userId, TeamRole role, CancellationToken ct)
    {
        scope.Demand(Permission.ManageMembers);
        return ChangeMembershipAsync(userId, ct, (m, actor, owners) =>
        {
            var from = m.Role;
            m.ChangeRole(role, actor, owners);
            return (AuditActions.MemberRoleChanged, $"changed the role of {{0}} from {from} to {role}", new { from = from.ToString(), to = role.ToString() });
        });
    }

    [Requires(Permission.ManageMembers)]
    public Task DeactivateAsync(Guid userId, CancellationToken ct)
    {
        scope.Demand(Permission.ManageMembers);
        return ChangeMembershipAsync(userId, ct, (m, actor, owners) =>
        {
            m.Deactivate(actor, owners);
            return (AuditActions.MemberDeactivated, "deactivated {0}", new { });
        });
    }

    [Requires(Permission.ManageMembers)]
    public Task ReactivateAsync(Guid userId, CancellationToken ct)
    {
        scope.Demand(Permission.ManageMembers);
        return ChangeMembershipAsync(userId, ct, (m, actor, _) =>
        {
            m.Reactivate(actor);
            return (AuditActions.MemberReactivated, "reactivated {0}", new { });
        });
    }

    private async Task ChangeMembershipAsync(
        Guid userId,
        CancellationToken ct,
        Func<Membership, MembershipActor, int, (string Action, string Summary, object Details)> change)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Serialises membership changes per team: the owner count below cannot go stale before commit.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM teams WHERE id = {member.RequireTeamId()} FOR UPDATE", ct);
        var actor = await db.DemandMemberManagerAsync(scope, ct);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId, ct)
            ?? throw new DomainException("Member not found.");
        var owners = await db.Memberships.CountAsync(m => m.Role == TeamRole.Owner && m.IsActive, ct);
        var (action, summary, details) = change(membership, actor, owners);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(ct);
        var entry = audit.Add(db, membership.TeamId, member.Actor, action,
            $"{member.DisplayName} " + string.Format(System.Globalization.CultureInfo.InvariantCulture, summary, name), details);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await audit.AnnounceAsync(entry, ct);
        await PublishAsync(LiveEventKinds.MembersChanged, ct);
    }

    /// <summary>Installation administrators create teams, each with a first owner.</summary>
    [Requires(Permission.ManageTeams)]
    public async Task<AddMemberResult> CreateTeamAsync(string teamName, string timeZone, string ownerEmail, string ownerName, CancellationToken ct)
    {
        scope.Demand(Permission.ManageTeams);
        await RequireInstallationAdminAsync(ct);
        var team = Team.Create(teamName, timeZone, clock);
        // The owner's account first: if it cannot be created, no team without an owner is left behind.
        var (owner, password) = await FindOrCreateUserAsync(ownerEmail, ownerName, team.Id, ct);
        await using (var db = systemDbFactory.CreateDbContext())
        {
            db.Teams.Add(team);
            db.Memberships.Add(Membership.Create(team.Id, owner.Id, TeamRole.Owner, clock));
            db.AddRange(Outreach.Infrastructure.Automation.FollowUpRules.DefaultsFor(team.Id, clock));
            await db.SaveChangesAsync(ct);
        }
        var details = new { team = team.Name, owner = owner.Email, createdBy = member.DisplayName };
        await audit.RecordAsync(team.Id, member.Actor, AuditActions.TeamCreated, $"Team {team.Name} created with owner {owner.Email}", details, ct);
        await audit.RecordAsync(member.TeamId, member.Actor, AuditActions.TeamCreated, $"{member.DisplayName} created team {team.Name}", details, ct);
        return new AddMemberResult(password is not null, password);
    }

    [Requires(Permission.ManageTeams)]
    public async Task<IReadOnlyList<(Team Team, int Members)>> ListTeamsAsync(CancellationToken ct)
    {
        scope.Demand(Permission.ManageTeams);
        await RequireInstallationAdminAsync(ct);
        await using var db = systemDbFactory.CreateDbContext();
        var rows = await db.Teams.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new { Team = t, Members = db.Memberships.Count(m => m.TeamId == t.Id && m.IsActive) })
            .ToListAsync(ct);
        return rows.Select(r => (r.Team, r.Members)).ToList();
    }

    private async Task<(AppUser User, string? Password)> FindOrCreateUserAsync(string email, string displayName, Guid teamId, CancellationToken ct)
    {
        var normalized = (email ?? string.Empty).Trim();
        if (normalized.Length == 0 || normalized.Length > 256 || !new EmailAddressAttribute().IsValid(normalized))
        {
            throw new DomainException("Enter a valid e-mail address.");
        }
        // A scope per operation: UserManager's context must not live as long as the circuit.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var existing = await users.FindByEmailAsync(normalized);
        if (existing is not null)
        {
            return (existing, null);
        }
        var password = TemporaryPassword();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = normalized,
            Email = normalized,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? normalized : displayName.Trim(),
            LastTeamId = teamId,
            CreatedAt = clock.GetUtcNow(),
            // Someone else saw the temporary password: the new member chooses their own at first sign-in.
            MustChangePassword = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new DomainException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        return (user, password);
    }

    /// <summary>The caller as a member who manages members, with the role read again inside the change.</summary>
    private async Task RequireInstallationAdminAsync(CancellationToken ct)
    {
        await using var db = systemDbFactory.CreateDbContext();
        await db.DemandCurrentAsync(scope, Permission.ManageTeams, ct);
    }

    private Task PublishAsync(string kind, CancellationToken ct) =>
        events.PublishAsync(new LiveEvent(member.TeamId, kind, new Dictionary<string, string?>(), clock.GetUtcNow()), ct);

    private static string TemporaryPassword() =>
        "Tmp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)) + "a9";
}
