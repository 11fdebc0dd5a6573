using Npgsql;

namespace Outreach.BrowserTests;

/// <summary>What the browser tests read and arrange directly in the test database.</summary>
public static class Sql
{
    public static async Task<NpgsqlConnection> OpenAsync(ConsoleCluster cluster)
    {
        var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
