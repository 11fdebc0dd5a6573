using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class CellTextTests
{
    [Theory]
    [InlineData("Acme Plumbing", "Acme Plumbing")]
    [InlineData("  Acme   Plumbing  ", "Acme Plumbing")]
    [InlineData("Acme\u00A0Plumbing", "Acme Plumbing")]
    [InlineData("Acme\tPlumbing\r\nInc", "Acme Plumbing Inc")]
    [InlineData("\uFEFFAcme", "Acme")]
    [InlineData("Ac\u200Bme", "Acme")]
    [InlineData("Ac\u00ADme", "Acme")]
    [InlineData("Acme\u200F", "Acme")]
    [InlineData("José Núñez", "José Núñez")]
    [InlineData("Joe's Pizza 🍕", "Joe's Pizza 🍕")]
    [InlineData("李小龙", "李小龙")]
    [InlineData("👨‍👩‍👧 Family Dental", "👨‍👩‍👧 Family Dental")]
    public void Cells_are_trimmed_and_whitespace_collapsed(string raw, string expected) =>
        Assert.Equal(expected, CellText.Clean(raw, 200));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \u00A0 \t ")]
    [InlineData("\u200B")]
    [InlineData("N/A")]
    [InlineData("n/a")]
    [InlineData("NULL")]
    [InlineData("(blank)")]
    [InlineData("#N/A")]
    [InlineData("#VALUE!")]
    [InlineData("-")]
    [InlineData(" -- ")]
    public void Blank_and_placeholder_cells_are_null(string? raw) => Assert.Null(CellText.Clean(raw, 200));

    [Fact]
    public void A_surname_that_looks_like_an_abbreviation_is_kept() => Assert.Equal("Na", CellText.Clean("Na", 200));

    [Fact]
    public void A_clean_cell_is_returned_without_copying()
    {
        var raw = "Acme Plumbing";

        Assert.Same(raw, CellText.Clean(raw, 200));
    }

    [Fact]
    public void Long_cells_are_capped_and_the_cap_is_reported()
    {
        var cleaned = CellText.Clean(new string('a', 100_000), 200, out var truncated);

        Assert.Equal(new string('a', 200), cleaned);
        Assert.True(truncated);
    }

    [Fact]
    public void The_cap_never_splits_an_emoji()
    {
        var cleaned = CellText.Clean("abcd😀", 5, out var truncated);

        Assert.Equal("abcd", cleaned);
        Assert.True(truncated);
    }
}
