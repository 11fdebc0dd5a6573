using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class RevenueTests
{
    public static TheoryData<string, decimal> Amounts => new()
    {
        { "1500000", 1_500_000m },
        { "1,500,000", 1_500_000m },
        { "$1,500,000.00", 1_500_000m },
        { "$1.5M", 1_500_000m },
        { "1.5m", 1_500_000m },
        { "1.5 million", 1_500_000m },
        { "1.5 Million Dollars", 1_500_000m },
        { "2.5 MM", 2_500_000m },
        { "USD 2.5M", 2_500_000m },
        { "2.5M USD", 2_500_000m },
        { "$750K", 750_000m },
        { "750 thousand", 750_000m },
        { "2B", 2_000_000_000m },
        { "$1.2 bn", 1_200_000_000m },
        { "1.500.000", 1_500_000m },
        { "1,5M", 1_500_000m },
        { "'1500000", 1_500_000m },
        { "＄１．５Ｍ", 1_500_000m },
        { "0", 0m },
        { "$1-5M", 3_000_000m },
        { "$1 - $5 Million", 3_000_000m },
        { "$1M to $5M", 3_000_000m },
        { "Between $1M and $5M", 3_000_000m },
        { "$500K - $1M", 750_000m },
        { "$500-1M", 750_000m },
        { "$1-2.5 Million", 1_750_000m },
        { "$2.5 – 5 Million", 3_750_000m },
        { "Less than $500K", 250_000m },
        { "Under $1 Million", 500_000m },
        { "Over $1B", 1_000_000_000m },
        { "$1B+", 1_000_000_000m },
        { "$100 Million and up", 100_000_000m },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void Revenue_is_read_as_dollars_and_a_band_as_its_midpoint(string raw, decimal expected) =>
        Assert.Equal(expected, Revenue.Parse(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("(blank)")]
    [InlineData("N/A")]
    [InlineData("n/a")]
    [InlineData("-")]
    [InlineData("Unknown")]
    [InlineData("#VALUE!")]
    [InlineData("Confidential")]
    [InlineData("-500000")]
    [InlineData("(500,000)")]
    [InlineData("$5M-$1M")]
    [InlineData("1.5 gazillion")]
    [InlineData("$1e6")]
    [InlineData("99999999999999999999999999999")]
    [InlineData("999999 billion")]
    public void Text_that_is_not_an_amount_is_null(string? raw) => Assert.Null(Revenue.Parse(raw));
}

public class RevenueTiersTests
{
    [Theory]
    [InlineData(0, RevenueTier.Startup)]
    [InlineData(499_999.99, RevenueTier.Startup)]
    [InlineData(500_000, RevenueTier.MainStreet)]
    [InlineData(2_499_999, RevenueTier.MainStreet)]
    [InlineData(2_500_000, RevenueTier.Growth)]
    [InlineData(9_999_999, RevenueTier.Growth)]
    [InlineData(10_000_000, RevenueTier.Established)]
    [InlineData(49_999_999, RevenueTier.Established)]
    [InlineData(50_000_000, RevenueTier.Enterprise)]
    [InlineData(2_000_000_000, RevenueTier.Enterprise)]
    public void Each_tier_starts_at_its_lower_bound(double revenue, RevenueTier expected) =>
        Assert.Equal(expected, RevenueTiers.For((decimal)revenue));

    [Fact]
    public void Unknown_revenue_has_no_tier() => Assert.Null(RevenueTiers.For(null));

    [Fact]
    public void Negative_revenue_has_no_tier() => Assert.Null(RevenueTiers.For(-1m));
}

public class EmployeeCountsTests
{
    [Theory]
    [InlineData("45", 45)]
    [InlineData("1,200", 1200)]
    [InlineData(" 12.0 ", 12)]
    [InlineData("11-50", 31)]
    [InlineData("1 to 4", 3)]
    [InlineData("10,001+", 10001)]
    [InlineData("Less than 10", 5)]
    [InlineData("5K", 5000)]
    public void Head_counts_and_bands_become_a_number(string raw, int expected) =>
        Assert.Equal(expected, EmployeeCounts.Parse(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("N/A")]
    [InlineData("a few")]
    [InlineData("-3")]
    [InlineData("50 billion")]
    public void Text_that_is_not_a_head_count_is_null(string? raw) => Assert.Null(EmployeeCounts.Parse(raw));
}
