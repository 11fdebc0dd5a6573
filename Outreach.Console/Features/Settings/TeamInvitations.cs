using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Console.Features.Shared;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Teams;
using Outreach.Infrastructure;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Identity;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Console.Features.Settings;

public sealed record InvitationRow(Guid Id, string Email, TeamRole Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool IsExpired);

/// <summary>
/// How a team admin brings someone in: an invitation e-mailed to an address, accepted by its owner. Nothing here
/// looks at accounts outside the team, so the answer to "invite x@y" is the same whether x@y has an account or not.
/// </summary>
public sealed class TeamInvitations(
    IDbContextFactory<OutreachDbContext> dbFactory,
    CurrentMember member,
    TenantScope scope,
    IInvitationMail mail,
    IAuditLog audit,
    ILiveEventPublisher events,
    NavigationManager navigation,
    IOptions<OutreachOptions> options,
    TimeProvider clock)
{
    /// <summary>Pending and expired invitations of this team; used and withdrawn ones are in the audit log.</summary>
    [Requires(Permission.ManageMembers)]
    public async Task<IReadOnlyList<InvitationRow>> ListPendingAsync(CancellationToken ct)
    {
        scope.Demand(Permission.ManageMembers);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.CreatedAt)
            .Take(200)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role, i.CreatedAt, i.ExpiresAt, i.ExpiresAt <= now))
            .ToListAsync(ct);
    }

    [Requires(Permission.ManageMembers)]
    public async Task InviteAsync(string email, TeamRole role, CancellationToken ct)
    {
        scope.Demand(Permission.ManageMembers);
        var address = Invitation.Normalize(email);
        if (address.Length == 0 || address.Length > 256 || !new EmailAddressAttribute().IsValid(address))
        {
            throw new DomainException("Enter a valid e-mail address.");
        }
        var (token, hash) = InvitationTokens.New();
        Invitation invitation;
        string teamName;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var actor = await db.DemandMemberManagerAsync(scope, ct);
            // Only this team's members are looked at (the query filter and row-level security both scope them).
            var alreadyMember = await (
                    from m in db.Memberships
                    join u in db.Users on m.UserId equals u.Id
                    where u.Email != null && u.Email.ToLower() == address
                    select m.UserId)
                .AnyAsync(ct);
            if (alreadyMember)
            {
                throw new DomainException($"{address} is already a member of this team.");
            }
            var now = clock.GetUtcNow();
            if (await db.Invitations.AnyAsync(i => i.Email == address && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct))
            {
                throw new DomainException($"{address} already has a pending invitation; resend it from the list below.");
            }
            invitation = Invitation.Create(member.RequireTeamId(), address, role, actor, hash, clock);
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync(ct);
            teamName = await db.Teams.Select(t => t.Name).SingleAsync(ct);
        }
        await audit.RecordAsync(invitation.TeamId, member.Actor, AuditActions.MemberInvited,
            $"{member.DisplayName} invited {address} as {role}", new { email = address, role = role.ToString() }, ct);
        try
        {
            await SendAsync(invitation, teamName, token, ct);
        }
        finally
        {
            // After the e-mail: a list that shows the invitation means its e-mail is on its way.
            await PublishAsync(ct);
        }
    }

    [Requires(Permission.ManageMembers)]
    public async Task ResendAsync(Guid invitationId, CancellationToken ct)
    {
        scope.Demand(Permission.ManageMembers);
        var (token, hash) = InvitationTokens.New();
        Invitation invitation;
        string teamName;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var actor = await db.DemandMemberManagerAsync(scope, ct);
            invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, ct)
                ?? throw new DomainException("Invitation not found.");
            invitation.Renew(actor, hash, clock);
            await db.SaveChangesAsync(ct);
            teamName = await db.Teams.Select(t => t.Name).SingleAsync(ct);
        }
        await audit.RecordAsync(invitation.TeamId, member.Actor, AuditActions.InvitationResent,
            $"{member.DisplayName} resent the invitation to {invitation.Email}", new { email = invitation.Email }, ct);
        try
        {
            await SendAsync(invitation, teamName, token, ct);
        }
        finally
        {
            // After the e-mail: a list that shows the invitation means its e-mail is on its way.
            await PublishAsync(ct);
        }
    }

    [Requires(Permission.ManageMembers)]
    public async Task RevokeAsync(Guid invitationId, CancellationToken ct)
    {
        scope.Demand(Permission.ManageMembers);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await db.DemandMemberManagerAsync(scope, ct);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, ct)
            ?? throw new DomainException("Invitation not found.");
        invitation.Revoke(actor, clock);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(invitation.TeamId, member.Actor, AuditActions.InvitationRevoked,
            $"{member.DisplayName} withdrew the invitation to {invitation.Email}", new { email = invitation.Email }, ct);
        await PublishAsync(ct);
    }

    private async Task SendAsync(Invitation invitation, string teamName, string token, CancellationToken ct)
    {
        var link = new Uri(new Uri(options.Value.PublicBaseUrl ?? navigation.BaseUri), $"account/invitation/{token}");
        try
        {
            await mail.SendAsync(new InvitationMessage(invitation.Email, teamName, invitation.Role, member.DisplayName, link, invitation.ExpiresAt), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DomainException($"The invitation is saved, but the e-mail could not be sent ({ex.Message}). Resend it from the list when mail works again.");
        }
    }

    private Task PublishAsync(CancellationToken ct) =>
        events.PublishAsync(new LiveEvent(member.TeamId, LiveEventKinds.MembersChanged, new Dictionary<string, string?>(), clock.GetUtcNow()), ct);
}
