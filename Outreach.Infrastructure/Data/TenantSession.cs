using Npgsql;
using NpgsqlTypes;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Data;

/// <summary>The session settings that row-level security policies read (see the initial migration).</summary>
public static class TenantSession
{
    public static NpgsqlCommand CreateCommand(NpgsqlConnection connection, TenantScope scope)
    {
        // set_config('role', ...) is SET ROLE in a form that takes parameters and runs as one statement.
        var command = new NpgsqlCommand(
            "SELECT set_config('role', @role, false), set_config('app.team_id', @team, false), " +
            "set_config('app.user_id', @user, false), set_config('app.system', @system, false)",
            connection);
        command.Parameters.AddWithValue("role", NpgsqlDbType.Text, DatabaseRoles.Application);
        command.Parameters.AddWithValue("team", NpgsqlDbType.Text, scope.TeamId?.ToString() ?? string.Empty);
        command.Parameters.AddWithValue("user", NpgsqlDbType.Text, scope.UserId?.ToString() ?? string.Empty);
        command.Parameters.AddWithValue("system", NpgsqlDbType.Text, scope.IsSystem ? "on" : "off");
        return command;
    }

    /// <summary>Opens a raw connection (bulk paths) under the same role and team as an EF context would.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, TenantScope scope, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = CreateCommand(connection, scope);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
