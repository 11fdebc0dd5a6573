using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Tests.Prospects;

/// <summary>
/// The database computes the score column for set-based imports and the grid; the domain computes the
/// breakdown shown to operators. Every combination of inputs must give both the same number.
/// </summary>
public class LeadScoreColumnTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_generated_score_column_equals_the_domain_rule_for_every_combination()
    {
        await using var system = fixture.SystemContext();
        var team = Team.Create($"Score team {Guid.NewGuid():N}", "America/New_York", TimeProvider.System);
        system.Add(team);
        await system.SaveChangesAsync();

        var cases = new List<(bool Owner, bool Verified, bool LinkedIn, RevenueTier? Tier, int Engagement)>();
        foreach (var owner in new[] { false, true })
        foreach (var verified in new[] { false, true })
        foreach (var linkedIn in new[] { false, true })
        foreach (var tier in new RevenueTier?[] { null, RevenueTier.Startup, RevenueTier.MainStreet, RevenueTier.Growth, RevenueTier.Established, RevenueTier.Enterprise })
        foreach (var engagement in new[] { 0, 25, -200 })
        {
            cases.Add((owner, verified, linkedIn, tier, engagement));
        }

        await using var db = fixture.TeamContext(team.Id);
        var ids = new List<(Guid Id, int Expected)>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (owner, verified, linkedIn, tier, engagement) = cases[i];
            var values = new string?[Enum.GetValues<ProspectField>().Length];
            values[(int)ProspectField.Company] = $"Company {i}";
            values[(int)ProspectField.Phone] = $"+1212{300 + i / 100}{i % 100:0000}";
            values[(int)ProspectField.Title] = owner ? "Owner" : "Office Manager";
            values[(int)ProspectField.Email] = $"person{i}@example.com";
            values[(int)ProspectField.EmailVerified] = verified ? "yes" : "no";
            values[(int)ProspectField.LinkedIn] = linkedIn ? $"https://www.linkedin.com/in/person-{i}" : null;
            values[(int)ProspectField.Revenue] = tier switch
            {
                RevenueTier.Startup => "100000",
                RevenueTier.MainStreet => "1000000",
                RevenueTier.Growth => "5000000",
                RevenueTier.Established => "20000000",
                RevenueTier.Enterprise => "90000000",
                _ => null,
            };
            var normalized = ProspectRows.Normalize(values).Prospect!;
            var prospect = Prospect.Create(team.Id, normalized, TimeProvider.System);
            if (engagement != 0)
            {
                prospect.ApplyEngagement(engagement, resetToZero: false, TimeProvider.System);
            }
            db.Add(prospect);
            ids.Add((prospect.Id, LeadScoring.Score(owner, verified, linkedIn, tier, engagement).Total));
        }
        await db.SaveChangesAsync();

        var stored = await db.Set<Prospect>().AsNoTracking().Where(p => p.TeamId == team.Id).ToDictionaryAsync(p => p.Id, p => p.Score);
        Assert.All(ids, c => Assert.Equal(c.Expected, stored[c.Id]));
        Assert.Equal(cases.Count, stored.Count);
    }
}
