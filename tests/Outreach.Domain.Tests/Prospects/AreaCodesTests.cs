using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class AreaCodesTests
{
    [Theory]
    [InlineData("212", "NY", "America/New_York")]
    [InlineData("415", "CA", "America/Los_Angeles")]
    [InlineData("312", "IL", "America/Chicago")]
    [InlineData("303", "CO", "America/Denver")]
    [InlineData("602", "AZ", "America/Phoenix")]
    [InlineData("907", "AK", "America/Anchorage")]
    [InlineData("808", "HI", "Pacific/Honolulu")]
    [InlineData("202", "DC", "America/New_York")]
    [InlineData("787", "PR", "America/Puerto_Rico")]
    [InlineData("671", "GU", "Pacific/Guam")]
    [InlineData("416", "ON", "America/Toronto")]
    [InlineData("604", "BC", "America/Vancouver")]
    [InlineData("514", "QC", "America/Toronto")]
    [InlineData("902", "NS", "America/Halifax")]
    [InlineData("945", "TX", "America/Chicago")]
    public void Area_codes_map_to_their_state_and_zone(string areaCode, string state, string zone)
    {
        Assert.Equal(state, AreaCodes.StateFor(areaCode));
        Assert.Equal(zone, AreaCodes.TimeZoneFor(areaCode));
    }

    [Theory]
    [InlineData("850", "FL", "America/Chicago")]
    [InlineData("305", "FL", "America/New_York")]
    [InlineData("915", "TX", "America/Denver")]
    [InlineData("214", "TX", "America/Chicago")]
    [InlineData("865", "TN", "America/New_York")]
    [InlineData("615", "TN", "America/Chicago")]
    [InlineData("270", "KY", "America/Chicago")]
    [InlineData("502", "KY", "America/New_York")]
    [InlineData("219", "IN", "America/Chicago")]
    [InlineData("317", "IN", "America/Indiana/Indianapolis")]
    public void Area_codes_across_a_zone_line_take_their_own_zone(string areaCode, string state, string zone)
    {
        Assert.Equal(state, AreaCodes.StateFor(areaCode));
        Assert.Equal(zone, AreaCodes.TimeZoneFor(areaCode));
    }

    [Theory]
    [InlineData("800")]
    [InlineData("888")]
    [InlineData("900")]
    [InlineData("911")]
    [InlineData("555")]
    [InlineData("867")]
    [InlineData("000")]
    [InlineData("41")]
    [InlineData("4155")]
    [InlineData("abc")]
    [InlineData("")]
    public void Non_geographic_and_malformed_codes_are_unknown(string areaCode)
    {
        Assert.Null(AreaCodes.StateFor(areaCode));
        Assert.Null(AreaCodes.TimeZoneFor(areaCode));
    }

    [Fact]
    public void Every_state_dc_and_inhabited_territory_has_area_codes()
    {
        var served = AreaCodes.All.Select(AreaCodes.StateFor).ToHashSet();

        Assert.All(UsStates.Codes.Where(code => code is not ("NT" or "NU" or "YT" or "PE")), code => Assert.Contains(code, served));
    }

    [Fact]
    public void The_table_covers_every_us_area_code_in_service()
    {
        var us = AreaCodes.All.Count(code => AreaCodes.StateFor(code) is not ("AB" or "BC" or "MB" or "NB" or "NL" or "NS" or "ON" or "QC" or "SK"));

        Assert.InRange(us, 340, 420);
    }

    [Fact]
    public void Every_area_code_zone_is_a_real_iana_zone() =>
        Assert.All(AreaCodes.All, code => Assert.NotNull(TimeZoneInfo.FindSystemTimeZoneById(AreaCodes.TimeZoneFor(code)!)));
}
