namespace Outreach.Console.Features.Account;

public static class OutreachClaimTypes
{
    /// <summary>The team the session works in; chosen at sign-in or by switching, checked on every request.</summary>
    public const string TeamId = "outreach:team_id";

    /// <summary>Added per request from the membership (never stored in the cookie, so role changes apply at once).</summary>
    public const string TeamRole = "outreach:team_role";

    public const string TeamName = "outreach:team_name";
    public const string DisplayName = "outreach:display_name";
    public const string InstallationAdmin = "outreach:installation_admin";

    /// <summary>The password must be changed before anything else is reachable (see <see cref="MustChangePasswordGate"/>).</summary>
    public const string MustChangePassword = "outreach:must_change_password";
}
