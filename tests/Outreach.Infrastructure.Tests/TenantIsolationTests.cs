using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Identity;

namespace Outreach.Infrastructure.Tests;

/// <summary>
/// Team A must never read or change team B's rows: not through EF, not with the query filters switched
/// off, not through raw SQL on the application's connection. The query filters are the first wall and
/// PostgreSQL row-level security the second; these tests knock on both.
/// </summary>
public class TenantIsolationTests(TenantIsolationTests.Teams teams) : IClassFixture<TenantIsolationTests.Teams>
{
    private readonly DatabaseFixture _db = teams.Fixture;

    [Fact]
    public async Task Query_filters_scope_every_team_owned_set_to_the_current_team()
    {
        await using var db = _db.TeamContext(teams.A);

        Assert.Equal([teams.A], await db.Teams.Select(t => t.Id).ToListAsync());
        Assert.All(await db.Memberships.ToListAsync(), m => Assert.Equal(teams.A, m.TeamId));
        Assert.All(await db.AuditEntries.ToListAsync(), a => Assert.Equal(teams.A, a.TeamId));
        Assert.NotEmpty(await db.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task Row_level_security_hides_other_teams_even_with_query_filters_ignored()
    {
        await using var db = _db.TeamContext(teams.A);

        Assert.Equal([teams.A], await db.Teams.IgnoreQueryFilters().Select(t => t.Id).ToListAsync());
        Assert.DoesNotContain(await db.Memberships.IgnoreQueryFilters().ToListAsync(), m => m.TeamId == teams.B);
        Assert.DoesNotContain(await db.AuditEntries.IgnoreQueryFilters().ToListAsync(), a => a.TeamId != teams.A);
    }

    [Fact]
    public async Task Raw_sql_through_the_application_role_sees_only_the_current_team()
    {
        await using var db = _db.TeamContext(teams.A);

        var auditTeams = await db.Database.SqlQueryRaw<Guid?>("SELECT team_id AS \"Value\" FROM audit_entries").ToListAsync();
        var teamIds = await db.Database.SqlQueryRaw<Guid>("SELECT id AS \"Value\" FROM teams").ToListAsync();
        var role = await db.Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync();

        Assert.NotEmpty(auditTeams);
        Assert.All(auditTeams, t => Assert.Equal(teams.A, t));
        Assert.Equal([teams.A], teamIds);
        Assert.Equal("outreach_app", role);
    }

    [Fact]
    public async Task Another_teams_rows_cannot_be_changed_or_deleted()
    {
        await using (var db = _db.TeamContext(teams.A))
        {
            var renamed = await db.Database.ExecuteSqlRawAsync("UPDATE teams SET name = 'hijacked' WHERE id = {0}", teams.B);
            var deleted = await db.Database.ExecuteSqlRawAsync("DELETE FROM memberships WHERE team_id = {0}", teams.B);
            Assert.Equal(0, renamed);
            Assert.Equal(0, deleted);
        }
        await using var system = _db.SystemContext();
        Assert.Equal("Team B", (await system.Teams.SingleAsync(t => t.Id == teams.B)).Name);
        Assert.True(await system.Memberships.AnyAsync(m => m.TeamId == teams.B));
    }

    [Fact]
    public async Task Rows_cannot_be_written_into_another_team()
    {
        await using var db = _db.TeamContext(teams.A);
        db.Memberships.Add(Membership.Create(teams.B, teams.UserA, TeamRole.Owner, TimeProvider.System));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task Moving_a_row_to_another_team_is_refused()
    {
        await using var db = _db.TeamContext(teams.A);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE memberships SET team_id = {0} WHERE team_id = {1}", teams.B, teams.A));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task A_context_without_a_team_sees_nothing()
    {
        await using var db = _db.TeamContext(null);

        Assert.Empty(await db.Teams.IgnoreQueryFilters().ToListAsync());
        Assert.Empty(await db.Memberships.IgnoreQueryFilters().ToListAsync());
        Assert.Empty(await db.Database.SqlQueryRaw<Guid?>("SELECT team_id AS \"Value\" FROM audit_entries").ToListAsync());
    }

    [Fact]
    public async Task A_user_sees_only_their_own_memberships_in_other_teams()
    {
        // The team switcher needs a user's own memberships across teams; nobody else's.
        await using var db = _db.TeamContext(teams.A, teams.UserA);

        var rows = await db.Memberships.IgnoreQueryFilters().ToListAsync();

        Assert.Contains(rows, m => m.TeamId == teams.B && m.UserId == teams.UserA);
        Assert.DoesNotContain(rows, m => m.TeamId == teams.B && m.UserId != teams.UserA);
    }

    [Fact]
    public async Task A_user_cannot_change_or_delete_their_own_memberships_in_other_teams()
    {
        await using var db = _db.TeamContext(teams.A, teams.UserA);

        var deleted = await db.Database.ExecuteSqlRawAsync(
            "DELETE FROM memberships WHERE team_id = {0} AND user_id = {1}", teams.B, teams.UserA);
        var promoted = await db.Database.ExecuteSqlRawAsync(
            "UPDATE memberships SET role = 'Owner' WHERE team_id = {0} AND user_id = {1}", teams.B, teams.UserA);

        Assert.Equal(0, deleted);
        Assert.Equal(0, promoted);
    }

    [Fact]
    public async Task Every_table_with_a_team_column_has_forced_row_level_security_and_a_policy()
    {
        await using var db = _db.SystemContext();

        var unprotected = await db.Database.SqlQueryRaw<string>(
            """
            SELECT c.relname AS "Value"
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND (c.relname = 'teams' OR EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = c.oid AND a.attname = 'team_id' AND NOT a.attisdropped))
              AND NOT (c.relrowsecurity AND c.relforcerowsecurity
                       AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname))
            """).ToListAsync();

        Assert.Empty(unprotected);
    }

    [Fact]
    public async Task Injected_sql_cannot_leave_the_application_role_or_switch_the_wall_off()
    {
        await using var db = _db.TeamContext(teams.A);
        await db.Database.OpenConnectionAsync();

        // What an injected statement would try, in the same session as the team's queries.
        await db.Database.ExecuteSqlRawAsync("RESET ROLE");
        await db.Database.ExecuteSqlRawAsync("SELECT set_config('app.system', 'on', false)");
        var teamIds = await db.Database.SqlQueryRaw<Guid>("SELECT id AS \"Value\" FROM teams").ToListAsync();
        var escalate = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("SET ROLE outreach"));

        Assert.Equal([teams.A], teamIds);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, escalate.SqlState);
    }

    [Theory]
    [InlineData("SELECT password_hash AS \"Value\" FROM users")]
    [InlineData("SELECT xml AS \"Value\" FROM data_protection_keys")]
    [InlineData("SELECT value AS \"Value\" FROM user_tokens")]
    [InlineData("SELECT job_name AS \"Value\" FROM qrtz_job_details")]
    public async Task Team_sessions_cannot_read_secrets_or_machinery(string sql)
    {
        await using var db = _db.TeamContext(teams.A);

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.SqlQueryRaw<string>(sql).ToListAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task The_application_role_is_neither_superuser_nor_allowed_to_bypass_row_level_security()
    {
        await using var db = _db.SystemContext();

        var flags = await db.Database.SqlQueryRaw<string>(
            "SELECT rolsuper::text || ',' || rolbypassrls::text AS \"Value\" FROM pg_roles WHERE rolname = 'outreach_app'").SingleAsync();

        Assert.Equal("false,false", flags);
    }

    /// <summary>Two teams: A with users A and B-in-A, B with user A (a member of both) and user B.</summary>
    public sealed class Teams : IAsyncLifetime
    {
        public DatabaseFixture Fixture { get; } = new();
        public Guid A { get; private set; }
        public Guid B { get; private set; }
        public Guid UserA { get; } = Guid.NewGuid();
        public Guid UserB { get; } = Guid.NewGuid();

        public async Task InitializeAsync()
        {
            await Fixture.InitializeAsync();
            var clock = TimeProvider.System;
            var teamA = Team.Create("Team A", "UTC", clock);
            var teamB = Team.Create("Team B", "UTC", clock);
            (A, B) = (teamA.Id, teamB.Id);
            await using var db = Fixture.SystemContext();
            db.Teams.AddRange(teamA, teamB);
            db.Users.AddRange(User(UserA, "a@example.test"), User(UserB, "b@example.test"));
            db.Memberships.AddRange(
                Membership.Create(A, UserA, TeamRole.Owner, clock),
                Membership.Create(B, UserA, TeamRole.Viewer, clock),
                Membership.Create(B, UserB, TeamRole.Owner, clock));
            db.AuditEntries.AddRange(
                AuditEntry.Record(A, AuditActor.System, "test.a", "in A", "{}", clock.GetUtcNow()),
                AuditEntry.Record(B, AuditActor.System, "test.b", "in B", "{}", clock.GetUtcNow()),
                AuditEntry.Record(null, AuditActor.System, "test.none", "installation", "{}", clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        private static AppUser User(Guid id, string email) => new()
        {
            Id = id,
            Email = email,
            UserName = email,
            NormalizedEmail = email.ToUpperInvariant(),
            NormalizedUserName = email.ToUpperInvariant(),
            DisplayName = email,
            SecurityStamp = Guid.NewGuid().ToString(),
            CreatedAt = DateTimeOffset.UtcNow,
        };

        public Task DisposeAsync() => Fixture.DisposeAsync();
    }
}
