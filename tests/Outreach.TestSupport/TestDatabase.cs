using Npgsql;

namespace Outreach.TestSupport;

/// <summary>
/// A fresh, empty database on the throwaway PostgreSQL cluster that './outreach test' starts, or on one the test
/// process starts for itself (stopped and deleted once the process has exited). Each fixture gets its own, so test classes never see each other's rows; it is
/// dropped when the fixture ends.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "OUTREACH_TEST_PG";

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connects as the cluster's owner role: migrations, the scheduler, work across teams.</summary>
    public string ConnectionString { get; }

    /// <summary>Connects as the application role that migrations create (the test cluster trusts local logins).</summary>
    public string AppConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Username = "outreach_app" }.ConnectionString;

    public static async Task<TestDatabase> CreateAsync(string prefix)
    {
        var server = ServerConnectionString();
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true };
        return new TestDatabase(name, builder.ConnectionString);
    }

    /// <summary>
    /// The server './outreach test' started (<see cref="ServerVariable"/>); without it (plain 'dotnet test', an IDE)
    /// a cluster of this test process's own, started on first use and stopped when the process exits.
    /// </summary>
    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : OwnServer.Value;

    private static readonly Lazy<string> OwnServer = new(StartOwnServer, LazyThreadSafetyMode.ExecutionAndPublication);

    // Never disposed: the cluster lives as long as the test process, and its watchdog removes it after the process.
    private static string StartOwnServer() => TestCluster.StartAsync().GetAwaiter().GetResult().ConnectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
