using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Outreach.Domain.Auditing;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Identity;

namespace Outreach.Console.Features.Account;

/// <summary>Local accounts with ASP.NET Core Identity: password rules, lockout, audited outcomes.</summary>
public sealed class IdentitySignInService(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    MembershipDirectory memberships,
    IAuditLog audit,
    IHttpContextAccessor http,
    TimeProvider clock) : ISignInService
{
    public async Task<SignInOutcome> SignInAsync(string email, string password, bool remember, string? ipAddress, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            // Still spend the time a password check takes, so response time does not reveal which e-mails exist.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash, password);
            await audit.RecordAsync(null, new AuditActor(null, email.Trim(), ipAddress), AuditActions.SignInFailed,
                $"Failed sign-in for unknown account {email.Trim()}", new { reason = "unknown account" }, cancellationToken);
            return SignInOutcome.Failed;
        }

        var team = await memberships.ChooseTeamAsync(user, cancellationToken);
        var actor = new AuditActor(user.Id, user.DisplayName, ipAddress);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(team?.TeamId, actor, AuditActions.LockedOut,
                $"{user.DisplayName} is locked out after repeated failed sign-ins", new { email = user.Email }, cancellationToken);
            return SignInOutcome.LockedOut;
        }
        if (!result.Succeeded)
        {
            await audit.RecordAsync(team?.TeamId, actor, AuditActions.SignInFailed,
                $"Failed sign-in for {user.DisplayName}", new { email = user.Email, reason = "wrong password" }, cancellationToken);
            return SignInOutcome.Failed;
        }
        if (team is null)
        {
            await audit.RecordAsync(null, actor, AuditActions.SignInFailed,
                $"{user.DisplayName} has no active team", new { email = user.Email, reason = "no active membership" }, cancellationToken);
            return SignInOutcome.NoActiveTeam;
        }

        user.LastTeamId = team.TeamId;
        user.LastSignInAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        await signIn.SignInAsync(user, new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IsPersistent = remember });
        await audit.RecordAsync(team.TeamId, actor, AuditActions.SignedIn, $"{user.DisplayName} signed in", new { email = user.Email }, cancellationToken);
        return SignInOutcome.Succeeded;
    }

    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        var principal = http.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated == true &&
            Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var name = principal.FindFirstValue(OutreachClaimTypes.DisplayName);
            Guid? teamId = Guid.TryParse(principal.FindFirstValue(OutreachClaimTypes.TeamId), out var t) ? t : null;
            await audit.RecordAsync(teamId, new AuditActor(userId, name), AuditActions.SignedOut, $"{name} signed out", null, cancellationToken);
        }
        await signIn.SignOutAsync();
    }

    public async Task<bool> SwitchTeamAsync(Guid teamId, CancellationToken cancellationToken)
    {
        var principal = http.HttpContext?.User;
        var user = principal is null ? null : await users.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        var team = await memberships.FindActiveAsync(user.Id, teamId, cancellationToken);
        if (team is null)
        {
            return false;
        }
        user.LastTeamId = team.TeamId;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(team.TeamId, new AuditActor(user.Id, user.DisplayName), AuditActions.TeamSwitched,
            $"{user.DisplayName} switched to {team.TeamName}", null, cancellationToken);
        return true;
    }

    // A valid hash of a random password, used only to equalise timing for unknown accounts.
    private static readonly string DummyHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString());
}
