using Npgsql;
using NpgsqlTypes;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Data;

/// <summary>The session settings that row-level security policies read (see the initial migration).</summary>
public static class TenantSession
{
    public static NpgsqlCommand CreateCommand(NpgsqlConnection connection, TenantScope scope, bool switchRole)
    {
        if (scope.IsSystem)
        {
            throw new InvalidOperationException("Work across teams runs on the owner's connection, never in a tenant session.");
        }
        // set_config('role', ...) is SET ROLE in a form that takes parameters and runs as one statement.
        var command = new NpgsqlCommand(
            (switchRole ? "SELECT set_config('role', @role, false), " : "SELECT ") +
            "set_config('app.team_id', @team, false), set_config('app.user_id', @user, false)",
            connection);
        if (switchRole)
        {
            command.Parameters.AddWithValue("role", NpgsqlDbType.Text, DatabaseRoles.Application);
        }
        command.Parameters.AddWithValue("team", NpgsqlDbType.Text, scope.TeamId?.ToString() ?? string.Empty);
        command.Parameters.AddWithValue("user", NpgsqlDbType.Text, scope.UserId?.ToString() ?? string.Empty);
        return command;
    }
}
