using Outreach.Domain.Prospects;

namespace Outreach.Domain.Tests.Prospects;

public class LeadScoringTests
{
    [Theory]
    [InlineData(false, false, false, null, 0, 50)]
    [InlineData(true, false, false, null, 0, 70)]
    [InlineData(false, true, false, null, 0, 60)]
    [InlineData(false, false, true, null, 0, 60)]
    [InlineData(false, false, false, RevenueTier.MainStreet, 0, 65)]
    [InlineData(false, false, false, RevenueTier.Growth, 0, 65)]
    [InlineData(false, false, false, RevenueTier.Startup, 0, 50)]
    [InlineData(false, false, false, RevenueTier.Established, 0, 50)]
    [InlineData(false, false, false, RevenueTier.Enterprise, 0, 50)]
    [InlineData(true, true, true, RevenueTier.Growth, 0, 105)]
    [InlineData(true, true, true, RevenueTier.Growth, 12, 117)]
    [InlineData(true, false, false, null, -30, 40)]
    [InlineData(false, false, false, null, -80, 0)]
    [InlineData(true, true, true, RevenueTier.MainStreet, int.MinValue, 0)]
    public void The_total_adds_each_signal_to_the_base_and_never_drops_below_zero(
        bool owner, bool verified, bool linkedIn, RevenueTier? tier, int engagement, int expected)
    {
        var score = LeadScoring.Score(owner, verified, linkedIn, tier, engagement);

        Assert.Equal(expected, score.Total);
        Assert.Equal(expected, LeadScoring.Total(owner, verified, linkedIn, tier, engagement));
    }

    [Fact]
    public void The_breakdown_lists_every_item_that_counted()
    {
        var score = LeadScoring.Score(ownerOrExecutive: true, emailVerified: true, hasLinkedIn: true, RevenueTier.MainStreet, engagementDelta: -5);

        Assert.Equal(
            [
                new ScoreItem("Base", 50),
                new ScoreItem("Owner or executive", 20),
                new ScoreItem("Verified e-mail", 10),
                new ScoreItem("LinkedIn profile", 10),
                new ScoreItem("Main-street or growth revenue", 15),
                new ScoreItem("Engagement", -5),
            ],
            score.Items);
    }

    [Fact]
    public void A_bare_prospect_is_scored_on_the_base_alone()
    {
        var score = LeadScoring.Score(false, false, false, null);

        Assert.Equal([new ScoreItem("Base", 50)], score.Items);
    }
}
