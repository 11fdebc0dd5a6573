using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Identity;

namespace Outreach.Console.Features.Account;

public enum ExternalSignInOutcome
{
    Succeeded,
    NotInvited,
    InvitationNotUsable,
    NoActiveTeam,
    Failed,
}

/// <summary>
/// Turns a person the provider vouched for into a console session. The provider's stable subject finds an account
/// linked before; an address is trusted only once, to link, and only when the team invited it. Nothing is created
/// for anyone else.
/// </summary>
public sealed class ExternalSignIn(
    ExternalProviders providers,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    MembershipDirectory memberships,
    InvitationDirectory invitations,
    IAuditLog audit,
    ILogger<ExternalSignIn> logger,
    TimeProvider clock)
{
    public const string InvitationItem = "invitation";
    public const string ProviderItem = "LoginProvider";

    public async Task<ExternalSignInOutcome> SignInAsync(AuthenticateResult external, string? ipAddress, CancellationToken ct)
    {
        if (!external.Succeeded || external.Properties?.Items.TryGetValue(ProviderItem, out var scheme) != true ||
            providers.Find(scheme) is not { } provider || ProviderKey(provider, external.Principal!) is not { } key)
        {
            return ExternalSignInOutcome.Failed;
        }
        var principal = external.Principal!;
        var email = VerifiedEmail(principal);
        external.Properties.Items.TryGetValue(InvitationItem, out var token);

        var user = await users.FindByLoginAsync(provider.Scheme, key);
        if (user is null)
        {
            var offered = await OfferedInvitationsAsync(email, token, ct);
            if (offered is null)
            {
                return ExternalSignInOutcome.InvitationNotUsable;
            }
            if (offered.Count == 0)
            {
                await audit.RecordAsync(null, new AuditActor(null, email ?? key, ipAddress), AuditActions.SignInFailed,
                    $"Refused {provider.DisplayName} sign-in of {email ?? "an unknown address"}: not invited",
                    new { provider = provider.Scheme, email, reason = "not invited" }, ct);
                return ExternalSignInOutcome.NotInvited;
            }
            user = await LinkAsync(provider, key, email!, principal, ipAddress, offered[0].TeamId, ct);
            foreach (var invitation in offered)
            {
                await RedeemAsync(invitation.Id, user, provider, ct);
            }
        }
        else if (token is not null)
        {
            // Someone already linked who follows a new invitation: it must be addressed to them.
            var invitation = await invitations.FindByTokenAsync(token, ct);
            if (invitation is not { Refusal: null } ||
                !string.Equals(invitation.Email, user.Email, StringComparison.OrdinalIgnoreCase) &&
                !string.Equals(invitation.Email, email, StringComparison.OrdinalIgnoreCase))
            {
                return ExternalSignInOutcome.InvitationNotUsable;
            }
            await RedeemAsync(invitation.Id, user, provider, ct);
            user.LastTeamId = invitation.TeamId;
        }

        var team = await memberships.ChooseTeamAsync(user, ct);
        var actor = new AuditActor(user.Id, user.DisplayName, ipAddress);
        if (team is null)
        {
            await audit.RecordAsync(null, actor, AuditActions.SignInFailed, $"{user.DisplayName} has no active team",
                new { provider = provider.Scheme, reason = "no active membership" }, ct);
            return ExternalSignInOutcome.NoActiveTeam;
        }
        user.LastTeamId = team.TeamId;
        user.LastSignInAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: provider.Scheme);
        await audit.RecordAsync(team.TeamId, actor, AuditActions.SignedIn, $"{user.DisplayName} signed in with {provider.DisplayName}",
            new { email = user.Email, provider = provider.Scheme }, ct);
        return ExternalSignInOutcome.Succeeded;
    }

    /// <summary>The invitations a first sign-in may use: the one whose link was followed, else every pending one for the address. Null: the link is not usable.</summary>
    private async Task<IReadOnlyList<InvitationView>?> OfferedInvitationsAsync(string? email, string? token, CancellationToken ct)
    {
        if (email is null)
        {
            return [];
        }
        if (token is null)
        {
            return await invitations.PendingForAsync(email, ct);
        }
        var invitation = await invitations.FindByTokenAsync(token, ct);
        if (invitation is not { Refusal: null })
        {
            return null;
        }
        // The link may have been forwarded: the provider must vouch for the address it was sent to.
        return string.Equals(invitation.Email, email, StringComparison.OrdinalIgnoreCase) ? [invitation] : [];
    }

    private async Task<AppUser> LinkAsync(ExternalProvider provider, string key, string email, ClaimsPrincipal principal, string? ipAddress, Guid teamId, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        if (user is null)
        {
            var name = principal.FindFirstValue("name") ?? principal.FindFirstValue(ClaimTypes.Name);
            user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(name) ? email : name.Trim()[..Math.Min(name.Trim().Length, 120)],
                LastTeamId = teamId,
                CreatedAt = clock.GetUtcNow(),
            };
            Check(await users.CreateAsync(user));
        }
        Check(await users.AddLoginAsync(user, new UserLoginInfo(provider.Scheme, key, provider.DisplayName)));
        logger.LogInformation("Linked {Scheme} subject to user {UserId} (new account: {Created})", provider.Scheme, user.Id, created);
        await audit.RecordAsync(teamId, new AuditActor(user.Id, user.DisplayName, ipAddress), AuditActions.ExternalLoginLinked,
            $"{user.DisplayName} linked their {provider.DisplayName} sign-in", new { provider = provider.Scheme, email, newAccount = created }, ct);
        return user;
    }

    private async Task RedeemAsync(Guid invitationId, AppUser user, ExternalProvider provider, CancellationToken ct)
    {
        try
        {
            await invitations.RedeemAsync(invitationId, user, provider.Scheme, ct);
        }
        catch (DomainException ex)
        {
            // Used a moment ago in another tab, or the membership is deactivated: the other invitations still count.
            logger.LogInformation("Invitation {InvitationId} not redeemed for {UserId}: {Reason}", invitationId, user.Id, ex.Message);
        }
    }

    /// <summary>The provider's stable name for the person: Entra's tenant and object id, or the OpenID Connect subject.</summary>
    public static string? ProviderKey(ExternalProvider provider, ClaimsPrincipal principal) => provider.Subject switch
    {
        ExternalSubject.TenantAndObjectId when First(principal, "tid", "http://schemas.microsoft.com/identity/claims/tenantid") is { } tid
            && First(principal, "oid", "http://schemas.microsoft.com/identity/claims/objectidentifier") is { } oid => $"{tid}/{oid}",
        ExternalSubject.Subject => First(principal, "sub", ClaimTypes.NameIdentifier),
        _ => null,
    };

    /// <summary>The address the provider asserts, unless it says outright that it did not verify it.</summary>
    public static string? VerifiedEmail(ClaimsPrincipal principal)
    {
        if (string.Equals(principal.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var email = First(principal, "email", ClaimTypes.Email, "preferred_username")?.Trim();
        return email is { Length: <= 256 } && new EmailAddressAttribute().IsValid(email) ? email : null;
    }

    private static string? First(ClaimsPrincipal principal, params string[] types) =>
        types.Select(principal.FindFirstValue).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
