using Outreach.Domain.Common;
using Outreach.Domain.Teams;

namespace Outreach.Domain.Tests.Teams;

public class TeamTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    [Fact]
    public void A_new_team_trims_its_name_and_derives_a_slug()
    {
        var team = Team.Create("  Acme Brokers & Co.  ", "America/Chicago", Clock);

        Assert.Equal("Acme Brokers & Co.", team.Name);
        Assert.Equal("acme-brokers-co", team.Slug);
        Assert.Equal("America/Chicago", team.TimeZone);
        Assert.NotEqual(Guid.Empty, team.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_team_needs_a_name(string name)
    {
        var error = Assert.Throws<DomainException>(() => Team.Create(name, "UTC", Clock));
        Assert.Contains("needs a name", error.Message);
    }

    [Fact]
    public void A_team_name_is_limited_in_length()
    {
        Assert.Throws<DomainException>(() => Team.Create(new string('x', Team.MaxNameLength + 1), "UTC", Clock));
        Assert.Equal(Team.MaxNameLength, Team.Create(new string('x', Team.MaxNameLength), "UTC", Clock).Name.Length);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    public void An_unknown_time_zone_is_rejected(string zone)
    {
        var team = Team.Create("Acme", "UTC", Clock);
        var error = Assert.Throws<DomainException>(() => team.ChangeTimeZone(zone));
        Assert.Contains("not a known time zone", error.Message);
        Assert.Equal("UTC", team.TimeZone);
    }

    [Theory]
    [InlineData("!!!", "team")]
    [InlineData("Ünïcode Team", "n-code-team")]
    [InlineData("Team 42", "team-42")]
    public void Slugs_are_lower_case_ascii(string name, string slug) =>
        Assert.Equal(slug, Team.Slugify(name));
}
