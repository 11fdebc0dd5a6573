namespace Outreach.Console.Features.Account;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
    NoActiveTeam,
}

/// <summary>
/// The sign-in seam. Local accounts implement it today; an external identity provider (OpenID Connect)
/// can implement it later and map its users to the same memberships.
/// </summary>
public interface ISignInService
{
    Task<SignInOutcome> SignInAsync(string email, string password, bool remember, string? ipAddress, CancellationToken cancellationToken);

    Task SignOutAsync(CancellationToken cancellationToken);

    /// <summary>Re-issues the session for another team the user is an active member of.</summary>
    Task<bool> SwitchTeamAsync(Guid teamId, CancellationToken cancellationToken);
}
