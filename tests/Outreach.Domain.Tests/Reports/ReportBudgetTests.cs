using Outreach.Domain.Reports;

namespace Outreach.Domain.Tests.Reports;

public sealed class ReportBudgetTests
{
    [Fact]
    public void A_calendar_month_gets_the_whole_monthly_budget()
    {
        var november = new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), "UTC");

        Assert.Equal(300m, ReportBudget.ForPeriod(300m, november));
    }

    [Fact]
    public void Each_day_carries_its_own_months_share_across_a_month_end()
    {
        // 28 to 31 October: 4 of 31 days; 1 to 3 November: 3 of 30 days.
        var week = new ReportPeriod(new DateOnly(2026, 10, 28), new DateOnly(2026, 11, 3), "UTC");

        Assert.Equal(Math.Round(310m * 4 / 31 + 310m * 3 / 30, 2), ReportBudget.ForPeriod(310m, week));
        Assert.Equal(71.00m, ReportBudget.ForPeriod(310m, week));
    }

    [Fact]
    public void No_monthly_budget_means_no_budget()
    {
        var week = new ReportPeriod(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 8), "UTC");

        Assert.Null(ReportBudget.ForPeriod(null, week));
    }

    [Fact]
    public void Steps_are_labelled_from_one_though_stored_from_zero() =>
        Assert.Equal("Spring outreach · step 1", ReportDimensionExtensions.StepLabel("Spring outreach", 0));
}
