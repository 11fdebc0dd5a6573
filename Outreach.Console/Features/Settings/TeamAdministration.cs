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

namespace Outreach.Console.Features.Settings;

public sealed record MemberRow(Guid UserId, string DisplayName, string Email, TeamRole Role, bool IsActive, DateTimeOffset JoinedAt, DateTimeOffset? LastSignInAt);

public sealed record AddMemberResult(bool CreatedAccount, string? TemporaryPassword);

/// <summary>Team settings and membership use cases for owners and admins; every change is audited and published.</summary>
public sealed class TeamAdministration(
    IDbContextFactory<OutreachDbContext> dbFactory,
    ISystemDbContextFactory systemDbFactory,
    UserManager<AppUser> users,
    CurrentMember member,
    IAuditLog audit,
    ILiveEventPublisher events,
    TimeProvider clock)
{
    public async Task<Team> GetTeamAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == member.RequireTeamId(), ct)
            ?? throw new DomainException("Team not found.");
    }

    public async Task UpdateTeamAsync(string name, string timeZone, CancellationToken ct)
    {
        EnsureAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == member.RequireTeamId(), ct) ?? throw new DomainException("Team not found.");
        var before = new { team.Name, team.TimeZone };
        team.Rename(name);
        team.ChangeTimeZone(timeZone);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(team.Id, member.Actor, AuditActions.TeamSettingsChanged,
            $"{member.DisplayName} updated team settings", new { before, after = new { team.Name, team.TimeZone } }, ct);
        await PublishAsync(LiveEventKinds.TeamChanged, ct);
    }

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

    public async Task<AddMemberResult> AddMemberAsync(string email, string displayName, TeamRole role, CancellationToken ct)
    {
        MembershipRules.EnsureCanGrant(new MembershipActor(member.UserId, member.Role ?? TeamRole.Viewer), role);
        var teamId = member.RequireTeamId();
        var (user, password) = await FindOrCreateUserAsync(email, displayName, teamId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id, ct))
        {
            throw new DomainException($"{user.Email} is already a member of this team.");
        }
        db.Memberships.Add(Membership.Create(teamId, user.Id, role, clock));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(teamId, member.Actor, AuditActions.MemberAdded,
            $"{member.DisplayName} added {user.DisplayName} as {role}", new { email = user.Email, role = role.ToString(), newAccount = password is not null }, ct);
        await PublishAsync(LiveEventKinds.MembersChanged, ct);
        return new AddMemberResult(password is not null, password);
    }

    public Task ChangeRoleAsync(Guid userId, TeamRole role, CancellationToken ct) =>
        ChangeMembershipAsync(userId, ct, (m, actor, owners) =>
        {
            var from = m.Role;
            m.ChangeRole(role, actor, owners);
            return (AuditActions.MemberRoleChanged, $"changed the role of {{0}} from {from} to {role}", new { from = from.ToString(), to = role.ToString() });
        });

    public Task DeactivateAsync(Guid userId, CancellationToken ct) =>
        ChangeMembershipAsync(userId, ct, (m, actor, owners) =>
        {
            m.Deactivate(actor, owners);
            return (AuditActions.MemberDeactivated, "deactivated {0}", new { });
        });

    public Task ReactivateAsync(Guid userId, CancellationToken ct) =>
        ChangeMembershipAsync(userId, ct, (m, actor, _) =>
        {
            m.Reactivate(actor);
            return (AuditActions.MemberReactivated, "reactivated {0}", new { });
        });

    private async Task ChangeMembershipAsync(
        Guid userId,
        CancellationToken ct,
        Func<Membership, MembershipActor, int, (string Action, string Summary, object Details)> change)
    {
        EnsureAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId, ct)
            ?? throw new DomainException("Member not found.");
        var owners = await db.Memberships.CountAsync(m => m.Role == TeamRole.Owner && m.IsActive, ct);
        var (action, summary, details) = change(membership, new MembershipActor(member.UserId, member.Role!.Value), owners);
        await db.SaveChangesAsync(ct);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(ct);
        await audit.RecordAsync(membership.TeamId, member.Actor, action,
            $"{member.DisplayName} " + string.Format(System.Globalization.CultureInfo.InvariantCulture, summary, name), details, ct);
        await PublishAsync(LiveEventKinds.MembersChanged, ct);
    }

    /// <summary>Installation administrators create teams, each with a first owner.</summary>
    public async Task<AddMemberResult> CreateTeamAsync(string teamName, string timeZone, string ownerEmail, string ownerName, CancellationToken ct)
    {
        if (!member.IsInstallationAdmin)
        {
            throw new DomainException("Only an installation administrator can create teams.");
        }
        var team = Team.Create(teamName, timeZone, clock);
        await using var db = systemDbFactory.CreateDbContext();
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        var (owner, password) = await FindOrCreateUserAsync(ownerEmail, ownerName, team.Id);
        db.Memberships.Add(Membership.Create(team.Id, owner.Id, TeamRole.Owner, clock));
        await db.SaveChangesAsync(ct);
        var details = new { team = team.Name, owner = owner.Email, createdBy = member.DisplayName };
        await audit.RecordAsync(team.Id, member.Actor, AuditActions.TeamCreated, $"Team {team.Name} created with owner {owner.Email}", details, ct);
        await audit.RecordAsync(member.TeamId, member.Actor, AuditActions.TeamCreated, $"{member.DisplayName} created team {team.Name}", details, ct);
        return new AddMemberResult(password is not null, password);
    }

    public async Task<IReadOnlyList<(Team Team, int Members)>> ListTeamsAsync(CancellationToken ct)
    {
        if (!member.IsInstallationAdmin)
        {
            throw new DomainException("Only an installation administrator can list every team.");
        }
        await using var db = systemDbFactory.CreateDbContext();
        var rows = await db.Teams.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new { Team = t, Members = db.Memberships.Count(m => m.TeamId == t.Id && m.IsActive) })
            .ToListAsync(ct);
        return rows.Select(r => (r.Team, r.Members)).ToList();
    }

    private async Task<(AppUser User, string? Password)> FindOrCreateUserAsync(string email, string displayName, Guid teamId)
    {
        var normalized = (email ?? string.Empty).Trim();
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(normalized) || normalized.Length == 0)
        {
            throw new DomainException("Enter a valid e-mail address.");
        }
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
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new DomainException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        return (user, password);
    }

    private void EnsureAdmin()
    {
        if (!member.Can(TeamRole.Admin))
        {
            throw new DomainException("Only owners and admins can change team settings and members.");
        }
    }

    private Task PublishAsync(string kind, CancellationToken ct) =>
        events.PublishAsync(new LiveEvent(member.TeamId, kind, new Dictionary<string, string?>(), clock.GetUtcNow()), ct);

    private static string TemporaryPassword() =>
        "Tmp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)) + "a9";
}
