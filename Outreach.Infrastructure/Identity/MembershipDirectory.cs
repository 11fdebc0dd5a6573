using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Identity;

/// <summary>A user's team and role as the shell needs them.</summary>
public sealed record TeamMembershipView(Guid TeamId, string TeamName, TeamRole Role);

/// <summary>
/// Answers "which teams may this user open, and with which role". It reads across teams by user id, so it
/// runs in the system scope, and it is the only place that turns a user into a team.
/// </summary>
public sealed class MembershipDirectory(ISystemDbContextFactory dbFactory)
{
    public async Task<IReadOnlyList<TeamMembershipView>> ListActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        return await (
                from m in db.Memberships.AsNoTracking()
                join t in db.Teams.AsNoTracking() on m.TeamId equals t.Id
                where m.UserId == userId && m.IsActive
                orderby t.Name
                select new TeamMembershipView(t.Id, t.Name, m.Role))
            .ToListAsync(cancellationToken);
    }

    public async Task<TeamMembershipView?> FindActiveAsync(Guid userId, Guid teamId, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        return await (
                from m in db.Memberships.AsNoTracking()
                join t in db.Teams.AsNoTracking() on m.TeamId equals t.Id
                where m.UserId == userId && m.TeamId == teamId && m.IsActive
                select new TeamMembershipView(t.Id, t.Name, m.Role))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The team to open: the last one used if still allowed, else the first by name.</summary>
    public async Task<TeamMembershipView?> ChooseTeamAsync(AppUser user, CancellationToken cancellationToken)
    {
        var teams = await ListActiveAsync(user.Id, cancellationToken);
        return teams.FirstOrDefault(t => t.TeamId == user.LastTeamId) ?? teams.FirstOrDefault();
    }
}
