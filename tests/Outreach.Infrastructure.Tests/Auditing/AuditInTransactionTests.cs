using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Tests.Auditing;

/// <summary>
/// A change and its audit entry commit together or not at all: a change whose transaction rolls back leaves no
/// entry, and an entry that cannot be written takes its change back with it.
/// </summary>
public class AuditInTransactionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly AuditActor Ada = new(Guid.NewGuid(), "Ada Admin");

    [Fact]
    public async Task A_committed_change_has_its_entry_and_a_change_rolled_back_has_none()
    {
        var team = await TeamAsync();
        await ChangeHoursAsync(team, new TimeOnly(9, 0), new TimeOnly(17, 0));

        await WithTriggerAsync("messaging_settings", "BEFORE UPDATE", team, async () =>
            await RefusedAsync(() => ChangeHoursAsync(team, new TimeOnly(10, 0), new TimeOnly(18, 0))));

        Assert.Equal(new TimeOnly(9, 0), (await SettingsAsync(team)).QuietHoursStart);
        Assert.Equal(new[] { "Sending hours set to 09:00-17:00 recipient time" }, await EntriesAsync(team));
    }

    [Fact]
    public async Task A_change_whose_entry_cannot_be_written_is_not_made()
    {
        var team = await TeamAsync();
        await ChangeHoursAsync(team, new TimeOnly(9, 0), new TimeOnly(17, 0));

        await WithTriggerAsync("audit_entries", "BEFORE INSERT", team, async () =>
            await RefusedAsync(() => ChangeHoursAsync(team, new TimeOnly(10, 0), new TimeOnly(18, 0))));
        var afterRefusal = (await SettingsAsync(team)).QuietHoursStart;
        await ChangeHoursAsync(team, new TimeOnly(11, 0), new TimeOnly(19, 0));

        Assert.Equal(new TimeOnly(9, 0), afterRefusal);
        Assert.Equal(new TimeOnly(11, 0), (await SettingsAsync(team)).QuietHoursStart);
        Assert.Equal(new[] { "Sending hours set to 09:00-17:00 recipient time", "Sending hours set to 11:00-19:00 recipient time" }, await EntriesAsync(team));
    }

    private static async Task RefusedAsync(Func<Task> change)
    {
        var error = await Assert.ThrowsAsync<DbUpdateException>(change);
        Assert.Equal("the test refuses this write", Assert.IsType<PostgresException>(error.InnerException).MessageText);
    }

    private async Task<Guid> TeamAsync()
    {
        var team = Team.Create("Audit " + Guid.NewGuid().ToString("N")[..6], "America/Chicago", TimeProvider.System);
        await using var db = fixture.SystemContext();
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }

    private async Task ChangeHoursAsync(Guid team, TimeOnly start, TimeOnly end)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
        await scope.ServiceProvider.GetRequiredService<MessagingAdministration>().ChangeSendingHoursAsync(start, end, Ada, default);
    }

    private async Task<MessagingSettings> SettingsAsync(Guid team)
    {
        await using var db = fixture.TeamContext(team);
        return await db.Set<MessagingSettings>().AsNoTracking().SingleAsync();
    }

    private async Task<List<string>> EntriesAsync(Guid team)
    {
        await using var db = fixture.SystemContext();
        return await db.AuditEntries.Where(a => a.TeamId == team && a.Action == AuditActions.MessagingSettingsChanged)
            .OrderBy(a => a.Id).Select(a => a.Summary).ToListAsync();
    }

    /// <summary>Makes every write of <paramref name="table"/> for the team fail while <paramref name="act"/> runs.</summary>
    private async Task WithTriggerAsync(string table, string when, Guid team, Func<Task> act)
    {
        var name = "fail_" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.team_id = '{team}' THEN RAISE EXCEPTION 'the test refuses this write'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        try
        {
            await act();
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP TRIGGER {name} ON {table}; DROP FUNCTION {name}();", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
