using Outreach.Domain.Campaigns;
using Outreach.Domain.Common;
using Outreach.Domain.Guardrails;

namespace Outreach.Domain.Tests.Guardrails;

/// <summary>A budget is refused with a message before it could overflow its column or the spend counted against it.</summary>
public class BudgetLimitTests
{
    [Fact]
    public void A_monthly_budget_of_99_999_999_999_is_refused_with_the_largest_allowed()
    {
        var limits = TeamSendingLimits.Defaults(Guid.NewGuid(), TimeProvider.System);

        var error = Assert.Throws<DomainException>(() => limits.Change(99_999_999_999m, 1, 3, TimeProvider.System));

        Assert.Contains("at most $999,999,999.99", error.Message);
        Assert.Null(limits.MonthlyBudget);
    }

    [Fact]
    public void The_largest_monthly_budget_is_accepted()
    {
        var limits = TeamSendingLimits.Defaults(Guid.NewGuid(), TimeProvider.System);

        limits.Change(BudgetLimit.Maximum, 1, 3, TimeProvider.System);

        Assert.Equal(999_999_999.99m, limits.MonthlyBudget);
    }

    [Theory]
    [InlineData("1000000000")]
    [InlineData("12.345")]
    [InlineData("0")]
    public void A_campaign_budget_beyond_the_maximum_zero_or_with_fractions_of_a_cent_is_a_problem_of_the_plan(string budget)
    {
        var plan = CampaignPlan.Default("Spring") with { Audience = new CampaignAudience(AudienceKind.Tags, Tags: ["expo"]), Budget = decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Single(plan.Problems(), p => p.StartsWith("A budget", StringComparison.Ordinal));
    }

    [Fact]
    public void A_campaign_budget_within_the_limit_is_no_problem()
    {
        var plan = CampaignPlan.Default("Spring") with { Audience = new CampaignAudience(AudienceKind.Tags, Tags: ["expo"]), Budget = 250.50m };

        Assert.Empty(plan.Problems());
    }
}
