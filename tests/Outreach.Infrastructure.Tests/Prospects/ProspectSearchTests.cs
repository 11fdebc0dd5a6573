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

    [Fact]
    public async Task A_tag_common_among_the_newest_prospects_is_checked_row_by_row_and_still_finds_only_the_teams_tagged_prospects()
    {
        var teamA = await TeamAsync();
        var teamB = await TeamAsync();
        await ProspectAsync(teamA, "Dana Tagged", "Tagged One", "+12122401121", "spring");
        await ProspectAsync(teamA, "Eli Plain", "Plain Co", "+12122401122", null);
        await ProspectAsync(teamA, "Fay Tagged", "Tagged Two", "+12122401123", "spring");
        await ProspectAsync(teamB, "Gus Tagged", "Other Team", "+12122401124", "spring");
        var filter = new ProspectFilter { Tags = ["Spring"] };

        var common = await CommonTagsAsync(teamA, filter);
        var page = await PageAsync(teamA, filter);

        Assert.Equal(["spring"], common);
        Assert.Equal(["Fay Tagged", "Dana Tagged"], page.Rows.Select(r => r.FullName));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task A_rare_tag_is_looked_up_through_its_index_and_finds_only_the_teams_tagged_prospect()
    {
        var teamA = await TeamAsync();
        var teamB = await TeamAsync();
        await ProspectAsync(teamA, "Hal Rare", "Rare Co", "+12122401130", "winter");
        for (var i = 1; i <= 40; i++)
        {
            await ProspectAsync(teamA, $"Untagged {i}", "Plain Co", $"+12122402{100 + i}", null);
        }
        await ProspectAsync(teamB, "Ivy Rare", "Other Team", "+12122401150", "winter");
        var filter = new ProspectFilter { Tags = ["winter"] };

        var common = await CommonTagsAsync(teamA, filter);
        var page = await PageAsync(teamA, filter);

        Assert.Empty(common);
        Assert.Equal(["Hal Rare"], page.Rows.Select(r => r.FullName));
    }

    private async Task<IReadOnlySet<string>> CommonTagsAsync(Guid team, ProspectFilter filter)
    {
        await using var db = fixture.TeamContext(team);
        return await ProspectQuery.CommonTagsAsync(db, filter, default);
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
