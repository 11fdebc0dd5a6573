using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class UsStatesTests
{
    [Theory]
    [InlineData("CA", "CA")]
    [InlineData("ca ", "CA")]
    [InlineData(" Ca", "CA")]
    [InlineData("California", "CA")]
    [InlineData("CALIFORNIA", "CA")]
    [InlineData("calif.", "CA")]
    [InlineData("Cal", "CA")]
    [InlineData("N.Y.", "NY")]
    [InlineData("New York", "NY")]
    [InlineData("new-york", "NY")]
    [InlineData("Penna.", "PA")]
    [InlineData("Mass.", "MA")]
    [InlineData("W. Va.", "WV")]
    [InlineData("West Virginia", "WV")]
    [InlineData("Virginia", "VA")]
    [InlineData("Washington", "WA")]
    [InlineData("Washington, D.C.", "DC")]
    [InlineData("District of Columbia", "DC")]
    [InlineData("Puerto Rico", "PR")]
    [InlineData("U.S. Virgin Islands", "VI")]
    [InlineData("Guam", "GU")]
    [InlineData("Northern Mariana Islands", "MP")]
    [InlineData("American Samoa", "AS")]
    [InlineData("Ontario", "ON")]
    [InlineData("Québec", "QC")]
    [InlineData("PQ", "QC")]
    [InlineData("Nfld.", "NL")]
    [InlineData("ＴＸ", "TX")]
    [InlineData("Texas\u00A0", "TX")]
    public void State_names_and_abbreviations_become_postal_codes(string raw, string expected) =>
        Assert.Equal(expected, UsStates.Normalize(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("XX")]
    [InlineData("USA")]
    [InlineData("England")]
    [InlineData("94105")]
    [InlineData("Californiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Anything_else_is_unknown(string? raw) => Assert.Null(UsStates.Normalize(raw));

    [Theory]
    [InlineData("NY", "America/New_York")]
    [InlineData("FL", "America/New_York")]
    [InlineData("TX", "America/Chicago")]
    [InlineData("TN", "America/Chicago")]
    [InlineData("CO", "America/Denver")]
    [InlineData("AZ", "America/Phoenix")]
    [InlineData("ID", "America/Boise")]
    [InlineData("IN", "America/Indiana/Indianapolis")]
    [InlineData("MI", "America/Detroit")]
    [InlineData("CA", "America/Los_Angeles")]
    [InlineData("AK", "America/Anchorage")]
    [InlineData("HI", "Pacific/Honolulu")]
    [InlineData("PR", "America/Puerto_Rico")]
    [InlineData("GU", "Pacific/Guam")]
    [InlineData("SK", "America/Regina")]
    [InlineData("NL", "America/St_Johns")]
    [InlineData("tx", "America/Chicago")]
    [InlineData("ZZ", null)]
    public void Each_state_maps_to_the_zone_most_of_its_people_live_in(string code, string? expected) =>
        Assert.Equal(expected, UsStates.TimeZoneFor(code));

    [Fact]
    public void The_fifty_states_dc_and_the_inhabited_territories_are_all_known()
    {
        string[] us =
        [
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
            "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
            "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
            "DC", "PR", "VI", "GU", "AS", "MP",
        ];

        Assert.All(us, code => Assert.Equal(code, UsStates.Normalize(code)));
    }

    [Fact]
    public void Every_zone_is_a_real_iana_zone() =>
        Assert.All(UsStates.Codes, code => Assert.NotNull(TimeZoneInfo.FindSystemTimeZoneById(UsStates.TimeZoneFor(code)!)));
}
