using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class SicCodesTests
{
    [Theory]
    [InlineData("7372", "7372", "Services", "Business Services")]
    [InlineData("737", "737", "Services", "Business Services")]
    [InlineData("73", "73", "Services", "Business Services")]
    [InlineData(" 7372.0 ", "7372", "Services", "Business Services")]
    [InlineData("7372-01", "7372", "Services", "Business Services")]
    [InlineData("737201", "7372", "Services", "Business Services")]
    [InlineData("73720100", "7372", "Services", "Business Services")]
    [InlineData("7372 - Prepackaged Software", "7372", "Services", "Business Services")]
    [InlineData("'1711", "1711", "Construction", "Construction - Special Trade Contractors")]
    [InlineData("5812", "5812", "Retail Trade", "Eating & Drinking Places")]
    [InlineData("6531", "6531", "Finance, Insurance & Real Estate", "Real Estate")]
    [InlineData("8011", "8011", "Services", "Health Services")]
    [InlineData("4911", "4911", "Transportation & Public Utilities", "Electric, Gas & Sanitary Services")]
    [InlineData("5065", "5065", "Wholesale Trade", "Wholesale Trade - Durable Goods")]
    [InlineData("1311", "1311", "Mining", "Oil & Gas Extraction")]
    [InlineData("3571", "3571", "Manufacturing", "Industrial & Commercial Machinery & Computer Equipment")]
    [InlineData("9111", "9111", "Public Administration", "Executive, Legislative & General Government, Except Finance")]
    [InlineData("0782", "0782", "Agriculture, Forestry & Fishing", "Agricultural Services")]
    [InlineData("782", "782", "Services", "Motion Pictures")]
    [InlineData("111", "0111", "Agriculture, Forestry & Fishing", "Agricultural Production - Crops")]
    [InlineData("7", "07", "Agriculture, Forestry & Fishing", "Agricultural Services")]
    [InlineData("9999", "9999", "Nonclassifiable Establishments", "Nonclassifiable Establishments")]
    [InlineData("７３７２", "7372", "Services", "Business Services")]
    public void Codes_are_classified_by_division_and_major_group(string raw, string code, string sector, string subSector) =>
        Assert.Equal(new SicClassification(code, sector, subSector), SicCodes.Lookup(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("N/A")]
    [InlineData("Software")]
    [InlineData("11")]
    [InlineData("6611")]
    [InlineData("0")]
    [InlineData("73721")]
    [InlineData("7372.5")]
    [InlineData("7372abc")]
    [InlineData("123456789")]
    public void Codes_outside_any_major_group_are_unknown(string? raw) => Assert.Null(SicCodes.Lookup(raw));

    [Fact]
    public void All_eighty_three_major_groups_are_listed_once()
    {
        Assert.Equal(83, SicCodes.MajorGroups.Count);
        Assert.Equal(83, SicCodes.MajorGroups.Select(g => g.Code).Distinct().Count());
    }

    [Fact]
    public void Major_groups_fall_into_the_ten_divisions_and_nonclassifiable()
    {
        var divisions = SicCodes.MajorGroups.GroupBy(g => g.Sector).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(
            new Dictionary<string, int>
            {
                ["Agriculture, Forestry & Fishing"] = 5,
                ["Mining"] = 4,
                ["Construction"] = 3,
                ["Manufacturing"] = 20,
                ["Transportation & Public Utilities"] = 10,
                ["Wholesale Trade"] = 2,
                ["Retail Trade"] = 8,
                ["Finance, Insurance & Real Estate"] = 7,
                ["Services"] = 16,
                ["Public Administration"] = 7,
                ["Nonclassifiable Establishments"] = 1,
            },
            divisions);
    }
}
