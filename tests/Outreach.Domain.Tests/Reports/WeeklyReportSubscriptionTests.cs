using Outreach.Domain.Common;
using Outreach.Domain.Reports;

namespace Outreach.Domain.Tests.Reports;

public class WeeklyReportSubscriptionTests
{
    [Theory]
    [InlineData(true, "ops@example.com; OPS@example.com, boss@example.com", null)]
    [InlineData(false, "", null)]
    [InlineData(true, "  ", "Give at least one address to send the weekly report to.")]
    [InlineData(true, "ops@example.com, not-an-address", "'not-an-address' is not an e-mail address.")]
    public void A_form_is_told_exactly_what_saving_would_refuse(bool enabled, string recipients, string? problem)
    {
        var subscription = WeeklyReportSubscription.Create(Guid.NewGuid(), TimeProvider.System);

        var refused = Record.Exception(() => subscription.Change(enabled, recipients, TimeProvider.System));

        Assert.Equal(problem, WeeklyReportSubscription.RecipientsProblem(enabled, recipients));
        Assert.Equal(problem, (refused as DomainException)?.Message);
    }

    [Fact]
    public void Addresses_are_kept_normalised_and_once()
    {
        var subscription = WeeklyReportSubscription.Create(Guid.NewGuid(), TimeProvider.System);

        subscription.Change(true, "ops@example.com; OPS@example.com, boss@example.com", TimeProvider.System);

        Assert.True(subscription.Enabled);
        Assert.Equal(["ops@example.com", "boss@example.com"], subscription.RecipientList);
    }
}
