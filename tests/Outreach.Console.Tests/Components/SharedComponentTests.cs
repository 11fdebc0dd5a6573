using Bunit;
using MudBlazor;
using Outreach.Console.Components;

namespace Outreach.Console.Tests.Components;

public class SharedComponentTests : ComponentTestContext
{
    [Fact]
    public void An_empty_state_shows_its_title_and_text_as_a_status_and_escapes_them()
    {
        var cut = Render<EmptyState>(p => p
            .Add(c => c.Icon, Icons.Material.Filled.Forum)
            .Add(c => c.Title, "Nothing waiting")
            .Add(c => c.Text, "Replies appear here <live>."));

        var status = cut.Find("[role=status]");
        Assert.Equal("Nothing waiting", status.QuerySelector("h2")!.TextContent);
        Assert.Contains("Replies appear here <live>.", status.TextContent);
        Assert.Empty(status.QuerySelectorAll("live"));
    }

    [Fact]
    public void A_stat_tile_shows_a_dash_until_it_has_a_value()
    {
        var cut = Render<StatTile>(p => p.Add(c => c.Label, "Nodes alive").Add(c => c.TestId, "nodes"));
        Assert.Equal("–", cut.Find(".oc-stat-value").TextContent);

        cut.Render(p => p.Add(c => c.Value, "2"));
        Assert.Equal("2", cut.Find("[data-testid=nodes] .oc-stat-value").TextContent);
    }

    [Fact]
    public void A_page_header_shows_the_title_as_the_page_heading_with_its_actions()
    {
        var cut = Render<PageHeader>(p => p
            .Add(c => c.Title, "Campaigns")
            .Add(c => c.Subtitle, "Every campaign of the team")
            .Add(c => c.Actions, (Microsoft.AspNetCore.Components.RenderFragment)(b => b.AddMarkupContent(0, "<button>New campaign</button>"))));

        Assert.Equal("Campaigns", cut.Find("h1").TextContent);
        Assert.Equal("New campaign", cut.Find(".oc-page-actions button").TextContent);
    }
}
