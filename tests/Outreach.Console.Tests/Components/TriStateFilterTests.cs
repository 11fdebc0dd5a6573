using Bunit;
using MudBlazor;
using Outreach.Console.Features.Prospects;

namespace Outreach.Console.Tests.Components;

public class TriStateFilterTests : ComponentTestContext
{
    [Theory]
    [InlineData(null, "Any")]
    [InlineData(true, "Has a phone")]
    [InlineData(false, "No phone")]
    public void The_filter_shows_its_current_choice_in_words(bool? value, string shown)
    {
        var cut = Render<TriStateFilter>(p => p
            .Add(c => c.Label, "Phone").Add(c => c.YesText, "Has a phone").Add(c => c.NoText, "No phone").Add(c => c.Value, value));

        Assert.Equal(shown, cut.Find("input").GetAttribute("value"));
        Assert.Contains("Phone", cut.Find("label").TextContent);
    }

    [Theory]
    [InlineData("No phone", false)]
    [InlineData("Has a phone", true)]
    [InlineData("Any", null)]
    public async Task Picking_a_choice_sets_the_filter_to_yes_no_or_any(string choice, bool? expected)
    {
        var popovers = Render<MudPopoverProvider>();
        bool? received = !expected;
        var calls = 0;
        var cut = Render<TriStateFilter>(p => p
            .Add(c => c.Label, "Phone").Add(c => c.YesText, "Has a phone").Add(c => c.NoText, "No phone")
            .Add(c => c.Value, expected is null ? true : null)
            .Add(c => c.ValueChanged, v => { received = v; calls++; }));

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.OpenMenu());
        popovers.WaitForAssertion(() => Assert.Equal(3, popovers.FindAll("[role=option]").Count));
        await cut.InvokeAsync(() => popovers.FindAll("[role=option]").Single(o => o.TextContent.Trim() == choice).Click());

        cut.WaitForAssertion(() => Assert.Equal(1, calls));
        Assert.Equal(expected, received);
    }
}
