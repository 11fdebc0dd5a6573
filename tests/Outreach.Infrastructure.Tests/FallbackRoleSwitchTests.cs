using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Tests;

/// <summary>
/// Without ConnectionStrings:OutreachApp, team-scoped work switches to the application role inside the
/// owner's session. That still binds every query the application writes.
/// </summary>
public class FallbackRoleSwitchTests(FallbackRoleSwitchTests.OwnerOnlyFixture fixture) : IClassFixture<FallbackRoleSwitchTests.OwnerOnlyFixture>
{
    [Fact]
    public async Task Team_sessions_still_run_as_the_application_role_and_see_only_their_team()
    {
        var clock = TimeProvider.System;
        var mine = Team.Create("Mine", "UTC", clock);
        var theirs = Team.Create("Theirs", "UTC", clock);
        await using (var system = fixture.SystemContext())
        {
            system.Teams.AddRange(mine, theirs);
            await system.SaveChangesAsync();
        }

        await using var db = fixture.TeamContext(mine.Id);
        var role = await db.Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync();
        var visible = await db.Database.SqlQueryRaw<Guid>("SELECT id AS \"Value\" FROM teams").ToListAsync();

        Assert.Equal("outreach_app", role);
        Assert.Equal([mine.Id], visible);
    }

    public sealed class OwnerOnlyFixture : DatabaseFixture
    {
        protected override bool AppLogin => false;
    }
}
