using System.Reflection;
using Outreach.Domain.Auditing;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Campaigns;

namespace Outreach.Infrastructure.Tests.Auditing;

/// <summary>The audit page's filters, order and window run in the database, inside the team's log only.</summary>
public class AuditLogQueryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Entries_page_newest_first_with_the_total_of_the_team_only()
    {
        var (team, _, _) = await SeedAsync();

        await using var db = fixture.TeamContext(team);
        var first = await AuditLogQuery.PageAsync(db, new AuditSearch { Take = 2 }, default);
        var second = await AuditLogQuery.PageAsync(db, new AuditSearch { Skip = 2, Take = 2 }, default);

        Assert.Equal(5, first.Total);
        Assert.Equal(["Changed messaging settings", "Stopped all sending"], first.Rows.Select(r => r.Summary));
        Assert.Equal(["Dana added Max", "Sign-in failed"], second.Rows.Select(r => r.Summary));
    }

    [Fact]
    public async Task Area_person_and_period_filter_in_the_database()
    {
        var (team, dana, _) = await SeedAsync();

        await using var db = fixture.TeamContext(team);
        var sending = await AuditLogQuery.PageAsync(db, new AuditSearch { Area = "Sending" }, default);
        var byDana = await AuditLogQuery.PageAsync(db, new AuditSearch { Person = new AuditPerson(dana) }, default);
        var bySystem = await AuditLogQuery.PageAsync(db, new AuditSearch { Person = new AuditPerson(null) }, default);
        var lately = await AuditLogQuery.PageAsync(db, new AuditSearch { Since = Start.AddHours(3).ToOffset(TimeSpan.FromHours(-6)) }, default);

        Assert.Equal([AuditActions.MessagingSettingsChanged, AuditActions.TeamSendingPaused], sending.Rows.Select(r => r.Action));
        Assert.Equal(3, byDana.Total);
        Assert.All(byDana.Rows, r => Assert.Equal(dana, r.ActorUserId));
        Assert.Equal(["Sign-in failed"], bySystem.Rows.Select(r => r.Summary));
        Assert.Equal(2, lately.Total);
    }

    [Fact]
    public async Task A_search_in_words_finds_an_action_by_its_label_as_well_as_by_its_code()
    {
        var (team, _, _) = await SeedAsync();

        await using var db = fixture.TeamContext(team);
        var byLabel = await AuditLogQuery.PageAsync(db, new AuditSearch { Text = "signed in" }, default);
        var byCode = await AuditLogQuery.PageAsync(db, new AuditSearch { Text = "team_paused" }, default);
        var byName = await AuditLogQuery.PageAsync(db, new AuditSearch { Text = "dana" }, default);
        var literal = await AuditLogQuery.PageAsync(db, new AuditSearch { Text = "%" }, default);

        Assert.Equal([AuditActions.SignedIn], byLabel.Rows.Select(r => r.Action));
        Assert.Equal([AuditActions.TeamSendingPaused], byCode.Rows.Select(r => r.Action));
        Assert.Equal(3, byName.Total);
        Assert.Equal(0, literal.Total);
    }

    [Fact]
    public async Task The_order_comes_from_a_fixed_list_and_the_window_is_bounded()
    {
        var (team, _, _) = await SeedAsync();

        await using var db = fixture.TeamContext(team);
        var oldest = await AuditLogQuery.PageAsync(db, new AuditSearch { Descending = false, Take = 1 }, default);
        var byPerson = await AuditLogQuery.PageAsync(db, new AuditSearch { OrderBy = AuditOrder.Actor, Descending = false }, default);
        var huge = await AuditLogQuery.PageAsync(db, new AuditSearch { Take = 100_000, Skip = -5 }, default);

        Assert.Equal("Dana signed in", Assert.Single(oldest.Rows).Summary);
        Assert.Equal(["Dana", "Dana", "Dana", "Max", "unknown@example.test"], byPerson.Rows.Select(r => r.Actor));
        Assert.Equal(5, huge.Rows.Count);
    }

    [Fact]
    public void Every_campaign_and_kill_switch_action_has_a_label_too()
    {
        var actions = typeof(CampaignAuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.NotEmpty(actions);
        Assert.All(actions, action => Assert.True(AuditActions.HasLabel(action), $"{action} has no label: add one to AuditActions.Labels."));
    }

    /// <summary>A team of its own per test, with five entries an hour apart, and one entry of another team.</summary>
    private async Task<(Guid Team, Guid Dana, Guid Max)> SeedAsync()
    {
        var team = Team.Create("Audit " + Guid.NewGuid().ToString()[..8], "UTC", TimeProvider.System);
        var other = Team.Create("Other " + Guid.NewGuid().ToString()[..8], "UTC", TimeProvider.System);
        var (dana, max) = (Guid.NewGuid(), Guid.NewGuid());
        await using var db = fixture.SystemContext();
        db.Teams.AddRange(team, other);
        db.AuditEntries.AddRange(
            AuditEntry.Record(team.Id, new AuditActor(dana, "Dana"), AuditActions.SignedIn, "Dana signed in", "{}", Start),
            AuditEntry.Record(team.Id, new AuditActor(null, "unknown@example.test"), AuditActions.SignInFailed, "Sign-in failed", "{}", Start.AddHours(1)),
            AuditEntry.Record(team.Id, new AuditActor(dana, "Dana"), AuditActions.MemberAdded, "Dana added Max", "{}", Start.AddHours(2)),
            AuditEntry.Record(team.Id, new AuditActor(dana, "Dana"), AuditActions.TeamSendingPaused, "Stopped all sending", "{}", Start.AddHours(3)),
            AuditEntry.Record(team.Id, new AuditActor(max, "Max"), AuditActions.MessagingSettingsChanged, "Changed messaging settings", "{}", Start.AddHours(4)),
            AuditEntry.Record(other.Id, new AuditActor(dana, "Dana"), AuditActions.SignedIn, "Dana signed in elsewhere", "{}", Start.AddHours(5)));
        await db.SaveChangesAsync();
        return (team.Id, dana, max);
    }
}
