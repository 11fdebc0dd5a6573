using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Tests;

/// <summary>
/// Connections keep their prepared statements across trips to the pool, so hot paths stop parsing and
/// planning on every checkout; what a team's session set (the role in the fallback, the team) must not.
/// </summary>
public class PooledConnectionTests(PooledConnectionTests.OwnerOnlyFixture fixture) : IClassFixture<PooledConnectionTests.OwnerOnlyFixture>
{
    [Fact]
    public async Task A_returned_connection_keeps_its_prepared_statements_but_not_the_previous_teams_role_or_settings()
    {
        var configured = new NpgsqlConnectionStringBuilder(fixture.Services.GetRequiredService<TenantDatabase>().DataSource.ConnectionString);
        // One physical connection, so the second checkout is certainly the first one back from the pool.
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(configured.ConnectionString) { MaxPoolSize = 1 });
        var tenants = new TenantDatabase(dataSource, switchesRole: true);
        int firstBackend;
        await using (var team = await tenants.OpenConnectionAsync(TenantScope.ForTeam(Guid.NewGuid(), Guid.NewGuid()), default))
        {
            for (var i = 0; i < 3; i++)
            {
                await ScalarAsync<long>(team, "SELECT count(*) FROM teams");
            }
            firstBackend = await ScalarAsync<int>(team, "SELECT pg_backend_pid()");
        }

        await using var next = await dataSource.OpenConnectionAsync();
        var backend = await ScalarAsync<int>(next, "SELECT pg_backend_pid()");
        var prepared = await ScalarAsync<long>(next, "SELECT count(*) FROM pg_prepared_statements");
        var role = await ScalarAsync<string>(next, "SELECT current_user::text");
        var owner = await ScalarAsync<string>(next, "SELECT session_user::text");
        var teamSetting = await ScalarAsync<string>(next, "SELECT coalesce(current_setting('app.team_id', true), '')");

        Assert.True(configured.MaxAutoPrepare > 0, "the node's connections should prepare their frequent statements");
        Assert.Equal(firstBackend, backend);
        Assert.True(prepared > 0, "the prepared statements should have survived the return to the pool");
        Assert.Equal(owner, role);
        Assert.Equal("", teamSetting);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public sealed class OwnerOnlyFixture : DatabaseFixture
    {
        protected override bool AppLogin => false;
    }
}
