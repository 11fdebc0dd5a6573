using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Events;

namespace Outreach.Infrastructure.Tests;

public class AuditLogTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Recording_an_entry_commits_it_and_announces_it_to_the_team()
    {
        var teamId = Guid.NewGuid();
        var received = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = fixture.Services.GetRequiredService<ILiveEventStream>()
            .Subscribe(teamId, e => { received.TrySetResult(e); return Task.CompletedTask; });

        var entry = await fixture.Services.GetRequiredService<IAuditLog>().RecordAsync(
            teamId, new AuditActor(Guid.NewGuid(), "Dana"), AuditActions.TeamSettingsChanged, "Dana renamed the team", new { from = "A", to = "B" });

        var published = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(LiveEventKinds.AuditRecorded, published.Kind);
        Assert.Equal(entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), published["id"]);
        await using var db = fixture.SystemContext();
        var stored = await db.AuditEntries.SingleAsync(a => a.Id == entry.Id);
        Assert.Equal("Dana renamed the team", stored.Summary);
        Assert.Contains("\"to\": \"B\"", stored.Details);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET summary = 'rewritten'")]
    [InlineData("DELETE FROM audit_entries")]
    public async Task The_audit_log_is_append_only_even_for_the_owning_role(string sql)
    {
        await fixture.Services.GetRequiredService<IAuditLog>().RecordAsync(null, AuditActor.System, "test.entry", "kept");

        // The owner connection, without the application role: only the trigger stands in the way.
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", error.MessageText);
    }
}
