using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Auditing;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Prospects;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Tests.Prospects;

/// <summary>
/// The grid's search and tag filters run through owner functions (so they can use their indexes under
/// row-level security); they must still see only the session's team.
/// </summary>
public class ProspectSearchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Search_and_tag_filters_find_the_teams_prospects_and_never_another_teams()
    {
        var teamA = await TeamAsync();
        var teamB = await TeamAsync();
        await ProspectAsync(teamA, "Bobby Heller", "Heller Plumbing", "+12122401111", "hvac");
        await ProspectAsync(teamA, "Ann Other", "Other Co", "+12122401112", null);
        await ProspectAsync(teamB, "Carl Heller", "Heller Roofing", "+12122401113", "hvac");

        var bySurname = await PageAsync(teamA, new ProspectFilter { Search = "heller" });
        var byPhoneAsTyped = await PageAsync(teamA, new ProspectFilter { Search = "(212) 240-1112" });
        var byTag = await PageAsync(teamA, new ProspectFilter { Tags = ["HVAC"] });
        var byCompanyFragment = await PageAsync(teamA, new ProspectFilter { Search = "plumb" });
        var teamBSearch = await PageAsync(teamB, new ProspectFilter { Search = "heller" });

        Assert.Equal(["Bobby Heller"], bySurname.Rows.Select(r => r.FullName));
        Assert.Equal(["Ann Other"], byPhoneAsTyped.Rows.Select(r => r.FullName));
        Assert.Equal(["Bobby Heller"], byTag.Rows.Select(r => r.FullName));
        Assert.Equal(["Bobby Heller"], byCompanyFragment.Rows.Select(r => r.FullName));
        Assert.Equal(["Carl Heller"], teamBSearch.Rows.Select(r => r.FullName));
        Assert.Equal(1, bySurname.Total);
    }

    private async Task<ProspectPage> PageAsync(Guid team, ProspectFilter filter)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
        return await scope.ServiceProvider.GetRequiredService<ProspectService>().GetPageAsync(filter, ProspectSort.Newest, 0, 50, default);
    }

    private async Task ProspectAsync(Guid team, string name, string company, string phone, string? tag)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
        await scope.ServiceProvider.GetRequiredService<ProspectService>().CreateAsync(new Dictionary<ProspectField, string?>
        {
            [ProspectField.FullName] = name,
            [ProspectField.Company] = company,
            [ProspectField.Phone] = phone,
            [ProspectField.Tags] = tag,
        }, new AuditActor(null, "test"), default);
    }

    private async Task<Guid> TeamAsync()
    {
        await using var db = fixture.SystemContext();
        var team = Team.Create($"Search {Guid.NewGuid():N}", "America/New_York", TimeProvider.System);
        db.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }
}
