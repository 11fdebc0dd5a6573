using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Auditing;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Tests.Campaigns;

/// <summary>The campaign list's page: sorted and paged in the database, the total counted, the team's campaigns only.</summary>
public sealed class CampaignListTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly AuditActor Tester = new(null, "tester");

    [Fact]
    public async Task A_page_is_sorted_and_cut_in_the_database_with_the_total_of_the_team_only()
    {
        var team = await TeamWithCampaignsAsync("List", "Bravo", "alpha", "Charlie");
        await TeamWithCampaignsAsync("Rival list", "Aardvark", "Zulu");
        await using var scope = Scope(team);
        var queries = scope.ServiceProvider.GetRequiredService<CampaignQueries>();

        var first = await queries.PageAsync(new CampaignPageRequest(0, 2, CampaignSort.Name, Descending: false), default);
        var second = await queries.PageAsync(new CampaignPageRequest(1, 2, CampaignSort.Name, Descending: false), default);
        var newest = await queries.PageAsync(new CampaignPageRequest(0, 10), default);

        Assert.Equal(3, first.Total);
        Assert.Equal(["alpha", "Bravo"], first.Rows.Select(r => r.Name));
        Assert.Equal(["Charlie"], second.Rows.Select(r => r.Name));
        Assert.Equal(["Charlie", "alpha", "Bravo"], newest.Rows.Select(r => r.Name));
        Assert.All(newest.Rows, r => Assert.Equal(new CampaignCounts(0, 0, 0, 0, 0, 0), r.Counts));
    }

    [Fact]
    public async Task Sorting_by_state_follows_a_campaigns_life_not_the_alphabet()
    {
        var team = await TeamWithCampaignsAsync("States", "Drafted", "Cancelled one", "Scheduled one");
        await using var scope = Scope(team);
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var queries = scope.ServiceProvider.GetRequiredService<CampaignQueries>();
        var rows = (await queries.PageAsync(new CampaignPageRequest(0, 10), default)).Rows;
        await campaigns.TransitionAsync(rows.Single(r => r.Name == "Cancelled one").Id, CampaignState.Cancelled, "test", Tester, default);
        await campaigns.TransitionAsync(rows.Single(r => r.Name == "Scheduled one").Id, CampaignState.Scheduled, null, Tester, default);

        var sorted = await queries.PageAsync(new CampaignPageRequest(0, 10, CampaignSort.State, Descending: false), default);

        Assert.Equal([CampaignState.Scheduled, CampaignState.Draft, CampaignState.Cancelled], sorted.Rows.Select(r => r.State));
    }

    private AsyncServiceScope Scope(Guid team)
    {
        var scope = fixture.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
        return scope;
    }

    private async Task<Guid> TeamWithCampaignsAsync(string name, params string[] campaigns)
    {
        var team = Team.Create(name, "America/Chicago", TimeProvider.System);
        await using (var db = fixture.SystemContext())
        {
            db.Add(team);
            await db.SaveChangesAsync();
        }
        await using var scope = Scope(team.Id);
        var service = scope.ServiceProvider.GetRequiredService<CampaignService>();
        foreach (var campaign in campaigns)
        {
            await service.CreateAsync(CampaignPlan.Default(campaign) with
            {
                Audience = new CampaignAudience(AudienceKind.Tags, Tags: ["list"]),
                StartAt = DateTimeOffset.UtcNow.AddDays(30),
            }, Tester, default);
            await Task.Delay(5);
        }
        return team.Id;
    }
}
