using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class TimeZonesTests
{
    [Theory]
    [InlineData("NY", "+12127365000", "America/New_York")]
    [InlineData("NY", null, "America/New_York")]
    [InlineData("New York", null, "America/New_York")]
    [InlineData(null, "+14155552671", "America/Los_Angeles")]
    [InlineData(null, "+19075552671", "America/Anchorage")]
    [InlineData("FL", "+18505552671", "America/Chicago")]
    [InlineData("FL", "+13055552671", "America/New_York")]
    [InlineData("FL", null, "America/New_York")]
    [InlineData("TX", "+19155552671", "America/Denver")]
    [InlineData("TX", "+12145552671", "America/Chicago")]
    [InlineData("TN", "+18655552671", "America/New_York")]
    [InlineData("KY", "+12705552671", "America/Chicago")]
    [InlineData("IN", "+12195552671", "America/Chicago")]
    [InlineData("CA", "+12127365000", "America/Los_Angeles")]
    [InlineData("TX", "+18505552671", "America/Chicago")]
    [InlineData("AZ", "+16025552671", "America/Phoenix")]
    [InlineData("ON", "+14165552671", "America/Toronto")]
    [InlineData("XX", "+14155552671", "America/Los_Angeles")]
    [InlineData(null, "+18005552671", null)]
    [InlineData(null, null, null)]
    public void The_state_decides_and_a_same_state_area_code_refines_it(string? state, string? phone, string? expected) =>
        Assert.Equal(expected, TimeZones.Resolve(state, phone));

    [Theory]
    [InlineData(null, "+442079460958", "Europe/London")]
    [InlineData("GB", "+442079460958", "Europe/London")]
    [InlineData(null, "+33142685300", "Europe/Paris")]
    [InlineData(null, "+61293744000", "Australia/Sydney")]
    [InlineData(null, "+18769271234", "America/Jamaica")]
    [InlineData(null, "+79161234567", null)] // Russian mobiles span eleven zones
    public void Without_an_address_or_a_known_area_code_the_numbering_plan_gives_the_zone(string? state, string phone, string? expected) =>
        Assert.Equal(expected, TimeZones.Resolve(state, phone));

    [Fact]
    public void An_address_in_another_state_still_wins_over_the_numbering_plan() =>
        Assert.Equal("America/New_York", TimeZones.Resolve("NY", "+18769271234"));
}
