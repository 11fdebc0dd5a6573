using Bunit;
using Outreach.Console.Features.Campaigns;

namespace Outreach.Console.Tests.Components;

public class CampaignSpendTests : ComponentTestContext
{
    [Fact]
    public void Spend_counts_what_is_reserved_and_says_so()
    {
        var cut = Render<CampaignSpend>(p => p.Add(s => s.Spent, 1.25m).Add(s => s.Reserved, 0.25m).Add(s => s.Budget, 10m));

        Assert.StartsWith("$1.50 of $10.00", cut.Find("[data-testid=campaign-spend]").TextContent.Trim());
        Assert.Contains("$0.25 reserved until the provider reports the cost", cut.Find("[data-testid=campaign-spend-reserved]").TextContent);
    }

    [Fact]
    public void Without_a_budget_there_is_no_bar_and_it_says_so()
    {
        var cut = Render<CampaignSpend>(p => p.Add(s => s.Spent, 1234.5m).Add(s => s.ShowBar, true));

        Assert.Equal("$1,234.50 spent, no budget", cut.Find("[data-testid=campaign-spend] span").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=campaign-spend-bar]"));
        Assert.Empty(cut.FindAll("[data-testid=campaign-spend-reserved]"));
    }

    [Theory]
    [InlineData(2.5, 0, 10, "25")]
    [InlineData(8, 4, 10, "100")]
    public void The_bar_shows_the_committed_share_of_the_budget_and_stops_at_full(double spent, double reserved, double budget, string percent)
    {
        var cut = Render<CampaignSpend>(p => p.Add(s => s.Spent, (decimal)spent).Add(s => s.Reserved, (decimal)reserved).Add(s => s.Budget, (decimal)budget)
            .Add(s => s.ShowBar, true));

        var bar = cut.Find("[data-testid=campaign-spend-bar]");
        Assert.Equal(percent, (bar.GetAttribute("aria-valuenow") ?? bar.QuerySelector("[aria-valuenow]")!.GetAttribute("aria-valuenow"))!.Split('.')[0]);
        Assert.Contains($"{percent}% of the budget committed", cut.Markup);
    }
}
