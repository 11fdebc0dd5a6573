namespace Outreach.Infrastructure.Data;

public static class DatabaseRoles
{
    /// <summary>
    /// The role the application runs as: it owns nothing and has no BYPASSRLS, so row-level security
    /// binds it. Migrations create it and grant it to the connecting user.
    /// </summary>
    public const string Application = "outreach_app";
}
