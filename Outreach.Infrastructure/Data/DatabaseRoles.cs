namespace Outreach.Infrastructure.Data;

public static class DatabaseRoles
{
    /// <summary>
    /// The role team-scoped work runs as: it owns nothing, has no BYPASSRLS, reads no password hashes or
    /// keys, so row-level security binds it. Migrations create it (able to log in) and grant it to the owner.
    /// </summary>
    public const string Application = "outreach_app";
}
