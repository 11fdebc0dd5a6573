using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;

namespace Outreach.Infrastructure.Identity;

/// <summary>What the invitation page shows about a link: the team, the role, and why it no longer works.</summary>
public sealed record InvitationView(Guid Id, Guid TeamId, string TeamName, string Email, TeamRole Role, string? Refusal);

/// <summary>
/// Invitations as the invited person meets them: before they belong to the team, so lookups run in the system
/// scope, by the token's hash or the address the invitation was sent to, never by anything the team chose.
/// </summary>
public sealed class InvitationDirectory(ISystemDbContextFactory dbFactory, ILiveEventPublisher events, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<InvitationView?> FindByTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }
        var hash = InvitationTokens.Hash(token);
        await using var db = dbFactory.CreateDbContext();
        var row = await (
                from i in db.Invitations.AsNoTracking()
                join t in db.Teams.AsNoTracking() on i.TeamId equals t.Id
                where i.TokenHash == hash
                select new { Invitation = i, TeamName = t.Name })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : View(row.Invitation, row.TeamName);
    }

    /// <summary>Pending invitations sent to <paramref name="email"/>, in any team.</summary>
    public async Task<IReadOnlyList<InvitationView>> PendingForAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = Invitation.Normalize(email);
        var now = clock.GetUtcNow();
        await using var db = dbFactory.CreateDbContext();
        var rows = await (
                from i in db.Invitations.AsNoTracking()
                join t in db.Teams.AsNoTracking() on i.TeamId equals t.Id
                where i.Email == normalized && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now
                orderby i.CreatedAt
                select new { Invitation = i, TeamName = t.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(r => View(r.Invitation, r.TeamName)).ToList();
    }

    /// <summary>
    /// Uses the invitation for <paramref name="user"/>: the membership, the used mark and the audit entry commit
    /// together, and the row lock makes a link clicked twice at once count once.
    /// </summary>
    public async Task<InvitationView> RedeemAsync(Guid invitationId, AppUser user, string how, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM invitations WHERE id = {invitationId} FOR UPDATE", cancellationToken);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken)
            ?? throw new DomainException("This invitation does not exist.");
        var team = await db.Teams.AsNoTracking().SingleAsync(t => t.Id == invitation.TeamId, cancellationToken);
        invitation.Accept(user.Id, clock);

        var existing = await db.Memberships.SingleOrDefaultAsync(m => m.TeamId == invitation.TeamId && m.UserId == user.Id, cancellationToken);
        if (existing is { IsActive: false })
        {
            // An invitation must not undo a deactivation that another admin decided.
            throw new DomainException($"Your membership in {team.Name} is deactivated. Ask a team admin to reactivate it.");
        }
        if (existing is null)
        {
            db.Memberships.Add(Membership.Create(invitation.TeamId, user.Id, invitation.Role, clock));
        }
        db.AuditEntries.Add(AuditEntry.Record(
            invitation.TeamId,
            new AuditActor(user.Id, user.DisplayName),
            AuditActions.InvitationAccepted,
            $"{user.DisplayName} accepted the invitation and joined as {invitation.Role}",
            JsonSerializer.Serialize(new { email = invitation.Email, role = invitation.Role.ToString(), how }, Json),
            clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The team's Users page shows the new member and drops the pending invitation without a reload.
        await events.PublishAsync(new LiveEvent(invitation.TeamId, LiveEventKinds.MembersChanged, new Dictionary<string, string?>(), clock.GetUtcNow()), cancellationToken);
        return View(invitation, team.Name);
    }

    private InvitationView View(Invitation invitation, string teamName) =>
        new(invitation.Id, invitation.TeamId, teamName, invitation.Email, invitation.Role, invitation.Refusal(clock.GetUtcNow()));
}
