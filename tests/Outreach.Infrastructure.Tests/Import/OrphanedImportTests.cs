using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Import;

namespace Outreach.Infrastructure.Tests.Import;

/// <summary>
/// A node killed during an import: its session ends with it, and the other nodes fail the import with the reason
/// instead of leaving it "Running" for ever. The killed node is played by a session that holds its presence lock.
/// </summary>
public sealed class OrphanedImportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    // A node built but not started: its sweeps run only when a test calls them, while the fixture's started node
    // sweeps on its own timer as every node does.
    private readonly IHost _sweeper = TestNode.Build(fixture.Database.ConnectionString, "node-sweeper");

    private ImportRunner Sweeper => _sweeper.Services.GetRequiredService<ImportRunner>();

    public void Dispose() => _sweeper.Dispose();

    [Fact]
    public async Task Another_node_fails_the_import_of_a_killed_node_with_the_reason_within_a_minute()
    {
        var importId = await CreateRunningImportAsync("node-killed");
        await using var killedNode = await HoldPresenceAsync("node-killed");
        await Sweeper.FailOrphanedAsync(default);
        await Sweeper.FailOrphanedAsync(default);
        Assert.Equal(ImportStatus.Running, (await WaitForStatusAsync(importId, _ => true, TimeSpan.Zero)).Status);

        await TerminateAsync(killedNode);
        var import = await WaitForStatusAsync(importId, status => status != ImportStatus.Running, TimeSpan.FromMinutes(1));

        Assert.Equal(ImportStatus.Failed, import.Status);
        Assert.Contains("node-killed", import.Error);
        Assert.Contains("upload it again", import.Error);
        Assert.NotNull(import.FinishedAt);
    }

    [Fact]
    public async Task The_imports_of_a_node_that_is_running_are_left_alone()
    {
        var running = await CreateRunningImportAsync("node-busy");
        await using var busyNode = await HoldPresenceAsync("node-busy");
        for (var sweep = 0; sweep < 3; sweep++)
        {
            await Sweeper.FailOrphanedAsync(default);
        }

        await using var db = fixture.SystemContext();
        var import = await db.Set<ProspectImport>().AsNoTracking().SingleAsync(i => i.Id == running);
        Assert.Equal(ImportStatus.Running, import.Status);
        Assert.Null(import.Error);
    }

    [Fact]
    public async Task A_node_is_taken_for_gone_only_when_two_sweeps_in_a_row_find_it_absent()
    {
        var node = $"node-blip-{Guid.NewGuid():N}"[..20];
        var importId = await CreateRunningImportAsync(node);
        // The fixture's node sweeps too: while the test runs, the node is present for it except for one sweep here.
        await using var present = await HoldPresenceAsync(node);
        await using var db = fixture.SystemContext();

        await present.CloseAsync();
        await Sweeper.FailOrphanedAsync(default);
        await present.OpenAsync();
        await TakePresenceAsync(present, node);
        await Sweeper.FailOrphanedAsync(default);

        var import = await db.Set<ProspectImport>().AsNoTracking().SingleAsync(i => i.Id == importId);
        Assert.Equal(ImportStatus.Running, import.Status);
    }

    private async Task<Guid> CreateRunningImportAsync(string node)
    {
        await using var db = fixture.SystemContext();
        var team = Team.Create($"Orphan team {Guid.NewGuid():N}", "America/New_York", TimeProvider.System);
        db.Add(team);
        var import = ProspectImport.Upload(Guid.NewGuid(), team.Id, "list.csv", 1000, "utf-8", ',', "[\"Phone\"]", "{}",
            Guid.NewGuid(), "Test Operator", node, TimeProvider.System);
        import.Start("{}", DuplicatePolicy.Skip, TimeProvider.System);
        db.Add(import);
        await db.SaveChangesAsync();
        await db.Set<ProspectImport>().Where(i => i.Id == import.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Running));
        return import.Id;
    }

    // The session a node's ImportRunner holds while it runs.
    private async Task<NpgsqlConnection> HoldPresenceAsync(string node)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await TakePresenceAsync(connection, node);
        return connection;
    }

    private static async Task TakePresenceAsync(NpgsqlConnection connection, string node)
    {
        await using var take = new NpgsqlCommand(ImportSql.TakeNodePresence, connection);
        take.Parameters.AddWithValue("node", node);
        Assert.Equal(true, await take.ExecuteScalarAsync());
    }

    // What the server does when a node's process dies: the session ends, and its locks with it.
    private async Task TerminateAsync(NpgsqlConnection session)
    {
        await using var admin = new NpgsqlConnection(fixture.Database.ConnectionString);
        await admin.OpenAsync();
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 5000)", admin);
        terminate.Parameters.AddWithValue("pid", session.ProcessID);
        Assert.Equal(true, await terminate.ExecuteScalarAsync());
    }

    // Polls the row; the limit only keeps a hang from stalling the suite.
    private async Task<ProspectImport> WaitForStatusAsync(Guid importId, Func<ImportStatus, bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            await using var db = fixture.SystemContext();
            var import = await db.Set<ProspectImport>().AsNoTracking().SingleAsync(i => i.Id == importId);
            if (done(import.Status) || DateTime.UtcNow > deadline)
            {
                return import;
            }
            await Task.Delay(500);
        }
    }
}
