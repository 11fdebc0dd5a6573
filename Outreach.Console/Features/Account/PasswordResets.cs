using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using MimeKit;
using Outreach.Domain.Auditing;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Identity;
using Outreach.Infrastructure.Mail;

namespace Outreach.Console.Features.Account;

/// <summary>Someone asked for a reset link for this address, from this console address and client.</summary>
public sealed record PasswordResetRequest(string Email, string BaseUrl, string? IpAddress);

public enum PasswordResetOutcome
{
    Reset,
    InvalidLink,
    PasswordRefused,
}

public sealed record PasswordResetResult(PasswordResetOutcome Outcome, IReadOnlyList<string> Errors);

/// <summary>
/// Password reset by e-mail for local accounts. The link carries ASP.NET Identity's reset token (an hour, bound to
/// the security stamp, so it works once); a reset ends every other session of the user. An account that signs in
/// only through an identity provider has no password to reset and is told so by e-mail instead.
/// </summary>
public sealed class PasswordResets(
    UserManager<AppUser> users,
    MembershipDirectory memberships,
    IMailSender mail,
    IAuditLog audit,
    ILiveEventPublisher events,
    IOptions<PasswordResetTokenProviderOptions> tokenOptions,
    TimeProvider clock,
    ILogger<PasswordResets> logger)
{
    public const string ResetPath = "/account/reset-password";

    /// <summary>Sends the link (or the "you sign in with your provider" note); nothing for an unknown address.</summary>
    public async Task SendLinkAsync(PasswordResetRequest request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user?.Email is null)
        {
            logger.LogInformation("A password reset was asked for an address without an account");
            return;
        }
        var hasPassword = await users.HasPasswordAsync(user);
        var message = hasPassword
            ? ResetMessage(user, await LinkAsync(user, request.BaseUrl))
            : ExternalAccountMessage(user, request.BaseUrl);
        message.To.Add(new MailboxAddress(user.DisplayName, user.Email));
        try
        {
            await mail.SendAsync(message, cancellationToken);
        }
        catch (MailNotSentException ex)
        {
            logger.LogError(ex, "The password reset e-mail for user {UserId} could not be sent", user.Id);
            return;
        }
        var actor = new AuditActor(user.Id, user.DisplayName, request.IpAddress);
        foreach (var team in await memberships.ListActiveAsync(user.Id, cancellationToken))
        {
            await audit.RecordAsync(team.TeamId, actor, AuditActions.PasswordResetRequested,
                hasPassword ? $"A password reset link was sent to {user.DisplayName}" : $"{user.DisplayName} asked for a password reset but signs in with an identity provider",
                new { email = user.Email, hasPassword }, cancellationToken);
        }
    }

    /// <summary>Whether the link can still be used, so that a spent one says so before anyone types a password.</summary>
    public async Task<bool> IsLinkValidAsync(Guid userId, string encodedToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        return user is not null && TryDecode(encodedToken, out var token) &&
               await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token);
    }

    /// <summary>Sets the new password if the link is still good; every other session of the user ends.</summary>
    public async Task<PasswordResetResult> ResetAsync(Guid userId, string encodedToken, string newPassword, string? ipAddress, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !TryDecode(encodedToken, out var token))
        {
            return new PasswordResetResult(PasswordResetOutcome.InvalidLink, []);
        }
        // Saved only if the reset succeeds: the password is now the user's own choice, and proving the mailbox
        // lifts a lockout that guessing caused.
        user.MustChangePassword = false;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? new PasswordResetResult(PasswordResetOutcome.InvalidLink, [])
                : new PasswordResetResult(PasswordResetOutcome.PasswordRefused, result.Errors.Select(e => e.Description).ToList());
        }
        await events.PublishAsync(AccountSessions.SessionsEnded(user.Id, clock), cancellationToken);
        var actor = new AuditActor(user.Id, user.DisplayName, ipAddress);
        foreach (var team in await memberships.ListActiveAsync(user.Id, cancellationToken))
        {
            await audit.RecordAsync(team.TeamId, actor, AuditActions.PasswordReset,
                $"{user.DisplayName} reset their password with an e-mailed link; other sessions were signed out", new { email = user.Email }, cancellationToken);
        }
        return new PasswordResetResult(PasswordResetOutcome.Reset, []);
    }

    private async Task<string> LinkAsync(AppUser user, string baseUrl)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var encoded = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return $"{baseUrl}{ResetPath}?user={user.Id}&token={encoded}";
    }

    private static bool TryDecode(string encoded, out string token)
    {
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encoded));
            return true;
        }
        catch (FormatException)
        {
            token = string.Empty;
            return false;
        }
    }

    private MimeMessage ResetMessage(AppUser user, string link)
    {
        var minutes = (int)tokenOptions.Value.TokenLifespan.TotalMinutes;
        return new MimeMessage
        {
            Subject = "Reset your Outreach Console password",
            Body = new TextPart("plain")
            {
                Text =
                    $"Hello {user.DisplayName},\n\n" +
                    "someone (we hope you) asked to reset the password of your Outreach Console account. Choose a new one here:\n\n" +
                    $"{link}\n\n" +
                    $"The link works once, within {minutes} minutes. Resetting signs you out on every other device.\n" +
                    "If you did not ask for this, ignore this e-mail: your password stays as it is.\n",
            },
        };
    }

    private static MimeMessage ExternalAccountMessage(AppUser user, string baseUrl) => new()
    {
        Subject = "About your Outreach Console password",
        Body = new TextPart("plain")
        {
            Text =
                $"Hello {user.DisplayName},\n\n" +
                "someone (we hope you) asked to reset the password of your Outreach Console account. Your account has no password:\n" +
                "you sign in with your organisation's identity provider. Use its button on the sign-in page:\n\n" +
                $"{baseUrl}/account/login\n\n" +
                "If you cannot sign in there, ask your organisation's administrator. If you did not ask for this, ignore this e-mail.\n",
        },
    };
}
