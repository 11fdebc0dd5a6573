using Microsoft.AspNetCore.Identity;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Identity;

namespace Outreach.Console.Features.Account;

/// <summary>What the invitation page needs: the invitation, and whether its address already has a local account.</summary>
public sealed record InvitationOffer(InvitationView Invitation, bool HasAccount);

/// <summary>
/// Accepting an invitation with a password: a new local account for the invited address, or the existing one
/// after its password is checked (with lockout, like the sign-in page). Either way the session opens in the team.
/// </summary>
public sealed class InvitationAcceptance(
    InvitationDirectory invitations,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IAuditLog audit,
    TimeProvider clock)
{
    public async Task<InvitationOffer?> FindAsync(string? token, CancellationToken ct)
    {
        var invitation = await invitations.FindByTokenAsync(token, ct);
        return invitation is null ? null : new InvitationOffer(invitation, await users.FindByEmailAsync(invitation.Email) is not null);
    }

    public async Task AcceptWithNewAccountAsync(string token, string displayName, string password, CancellationToken ct)
    {
        var offer = await RequirePendingAsync(token, ct);
        if (offer.HasAccount)
        {
            throw new DomainException("An account already exists for this address: enter its password instead.");
        }
        var email = offer.Invitation.Email;
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            // The link arrived at this address, which is what confirming it means.
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(),
            LastTeamId = offer.Invitation.TeamId,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new DomainException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await JoinAsync(offer.Invitation, user, "new local account", ct);
    }

    public async Task AcceptWithExistingAccountAsync(string token, string password, CancellationToken ct)
    {
        var offer = await RequirePendingAsync(token, ct);
        var user = await users.FindByEmailAsync(offer.Invitation.Email) ?? throw new DomainException("There is no account for this address yet: set a password instead.");
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            throw new DomainException("This account is locked after too many failed attempts. Try again in 15 minutes.");
        }
        if (!check.Succeeded)
        {
            throw new DomainException("The password is not right.");
        }
        await JoinAsync(offer.Invitation, user, "existing local account", ct);
    }

    private async Task<InvitationOffer> RequirePendingAsync(string token, CancellationToken ct)
    {
        var offer = await FindAsync(token, ct) ?? throw new DomainException("This invitation link is not valid.");
        return offer.Invitation.Refusal is { } refusal ? throw new DomainException(refusal) : offer;
    }

    private async Task JoinAsync(InvitationView invitation, AppUser user, string how, CancellationToken ct)
    {
        await invitations.RedeemAsync(invitation.Id, user, how, ct);
        user.LastTeamId = invitation.TeamId;
        user.LastSignInAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        await audit.RecordAsync(invitation.TeamId, new AuditActor(user.Id, user.DisplayName), AuditActions.SignedIn,
            $"{user.DisplayName} signed in", new { email = user.Email }, ct);
    }
}
