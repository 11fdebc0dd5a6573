using System.Security.Cryptography;
using Npgsql;

namespace Outreach.Bench.Messaging;

/// <summary>The few statements the driver runs itself, as the database owner (row-level security does not apply).</summary>
public sealed class BenchDatabase(string connectionString) : IAsyncDisposable
{
    public const string SimulatorSigningKey = "simulator.signing_key";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>
    /// The key the console checks simulator-number webhooks with. It creates the key on first use with
    /// INSERT ... ON CONFLICT DO NOTHING; doing the same here and reading it back gives both sides one key
    /// whichever of them comes first.
    /// </summary>
    public async Task<string> SimulatorKeyAsync(CancellationToken cancellationToken)
    {
        await using (var insert = _dataSource.CreateCommand(
            "INSERT INTO installation_settings (key, value, updated_at) VALUES (@key, @value, now()) ON CONFLICT (key) DO NOTHING"))
        {
            insert.Parameters.AddWithValue("key", SimulatorSigningKey);
            insert.Parameters.AddWithValue("value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var select = _dataSource.CreateCommand("SELECT value FROM installation_settings WHERE key = @key");
        select.Parameters.AddWithValue("key", SimulatorSigningKey);
        return (string?)await select.ExecuteScalarAsync(cancellationToken)
            ?? throw new BenchmarkException("installation_settings has no simulator signing key.");
    }

    /// <summary>The receiving numbers webhooks may name: the simulator numbers of the first (seeded) team.</summary>
    public async Task<(Guid TeamId, List<(Guid Id, string Number)> Numbers)> SimulatorNumbersAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT n.team_id, n.id, n.number FROM sending_numbers n
            WHERE n.provider = 'simulator' AND n.is_active
              AND n.team_id = (SELECT id FROM teams ORDER BY created_at LIMIT 1)
            ORDER BY n.number
            """);
        var numbers = new List<(Guid, string)>();
        var teamId = Guid.Empty;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            teamId = reader.GetGuid(0);
            numbers.Add((reader.GetGuid(1), reader.GetString(2)));
        }
        if (numbers.Count == 0)
        {
            throw new BenchmarkException("The first team has no active simulator number: is the console seeded (Outreach:Seed:Enabled)?");
        }
        return (teamId, numbers);
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<(string Key, long Count)>> GroupCountAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var rows = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.IsDBNull(0) ? "(none)" : reader.GetString(0), reader.GetInt64(1)));
        }
        return rows;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
