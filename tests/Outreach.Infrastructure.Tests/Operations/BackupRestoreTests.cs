using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Seeding;
using Outreach.TestSupport;

namespace Outreach.Infrastructure.Tests.Operations;

/// <summary>'./outreach backup' and './outreach restore', run as an operator would, on real clusters.</summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("outreach-backup-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_backup_restored_into_a_fresh_cluster_holds_every_row_of_every_table()
    {
        await using var source = await TestDatabase.CreateAsync("backup");
        await SeedAsync(source.ConnectionString);
        var before = await TableDigestsAsync(source.ConnectionString);
        var file = Path.Combine(folder, "outreach.dump");
        await using var fresh = await TestCluster.StartAsync();
        var target = new NpgsqlConnectionStringBuilder(fresh.ConnectionString) { Database = "outreach" }.ConnectionString;

        var backup = await OutreachScriptAsync(source.ConnectionString, "backup", file);
        var restore = await OutreachScriptAsync(target, "restore", file);

        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.True(restore.ExitCode == 0, restore.Output);
        var after = await TableDigestsAsync(target);
        Assert.True(before.Count(table => table.Value.Rows > 0) >= 8, "the seed should fill a good part of the schema");
        Assert.Equal(before, after);
        await using var connection = new NpgsqlConnection(target);
        await connection.OpenAsync();
        await using var grants = new NpgsqlCommand("SELECT has_table_privilege('outreach_app', 'prospects', 'SELECT')", connection);
        Assert.True((bool)(await grants.ExecuteScalarAsync())!, "the application role's grants come back with the tables");
    }

    [Fact]
    public async Task Restoring_a_file_that_is_not_a_backup_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync("restorebad");
        await SeedAsync(database.ConnectionString);
        var before = await TableDigestsAsync(database.ConnectionString);
        var file = Path.Combine(folder, "notes.dump");
        await File.WriteAllTextAsync(file, "id,name\n1,not a dump\n");
        NpgsqlConnection.ClearAllPools();

        var restore = await OutreachScriptAsync(database.ConnectionString, "restore", file);

        Assert.NotEqual(0, restore.ExitCode);
        Assert.Contains("is not a backup made by './outreach backup'", restore.Output);
        Assert.Equal(before, await TableDigestsAsync(database.ConnectionString));
    }

    [Fact]
    public async Task A_backup_never_overwrites_an_existing_file()
    {
        await using var database = await TestDatabase.CreateAsync("backupexists");
        var file = Path.Combine(folder, "outreach.dump");
        await File.WriteAllTextAsync(file, "yesterday's backup");

        var backup = await OutreachScriptAsync(database.ConnectionString, "backup", file);

        Assert.NotEqual(0, backup.ExitCode);
        Assert.Contains("already exists", backup.Output);
        Assert.Equal("yesterday's backup", await File.ReadAllTextAsync(file));
    }

    // A migrated database with the first team and owner, the scheduler's tables, and prospects whose text is not ASCII.
    private static async Task SeedAsync(string connectionString)
    {
        using (var node = TestNode.Build(connectionString, "node-backup", scheduler: true, settings: new Dictionary<string, string?>
        {
            ["Outreach:Seed:Enabled"] = "true",
            ["Outreach:Seed:OwnerPassword"] = "Backup-test-password-1",
        }))
        {
            await OutreachDatabase.MigrateAsync(node.Services);
            await node.StartAsync();
            await using (var scope = node.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<InitialSeeder>().SeedAsync(CancellationToken.None);
            }
            await node.StopAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO sending_numbers (id, team_id, number, provider, label, is_active, next_slot_at, created_at)
            SELECT gen_random_uuid(), t.id, '+1737240' || lpad(n::text, 4, '0'), 'simulator', 'Backup ' || n, true, now(), now()
            FROM teams t, generate_series(1, 3) n;
            INSERT INTO prospects (id, team_id, first_name, last_name, full_name, company, phone, state, time_zone, tags, custom_fields,
                                   status, engagement_score, do_not_contact, email_verified, is_owner_or_executive, created_at, updated_at)
            SELECT gen_random_uuid(), t.id, 'Zoë', 'Nguyễn ' || n, 'Zoë Nguyễn ' || n, 'Café 🚀 ' || n, '+1737' || (2000000 + n)::text,
                   'TX', 'America/Chicago', ARRAY['backup', 'list-' || n % 3], jsonb_build_object('note', 'ligne ' || n),
                   'New', n % 7, n % 50 = 0, false, true, now(), now()
            FROM teams t, generate_series(1, 2000) n;
            """, connection);
        await insert.ExecuteNonQueryAsync();
    }

    private sealed record TableDigest(long Rows, string? Digest);

    // Every table of the public schema (the product's and the scheduler's): its row count and a digest of its rows in a
    // fixed order, so a row that is missing, added or altered shows.
    private static async Task<Dictionary<string, TableDigest>> TableDigestsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var digests = new Dictionary<string, TableDigest>();
        foreach (var table in tables)
        {
            await using var digest = new NpgsqlCommand(
                $"SELECT count(*), md5(string_agg(r::text, E'\\n' ORDER BY r::text)) FROM public.\"{table}\" r", connection);
            await using var reader = await digest.ExecuteReaderAsync();
            await reader.ReadAsync();
            digests[table] = new TableDigest(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }
        return digests;
    }

    private static async Task<(int ExitCode, string Output)> OutreachScriptAsync(string connectionString, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "outreach"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ConnectionStrings__Outreach"] = connectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
