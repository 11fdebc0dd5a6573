namespace Outreach.Domain.Prospects;

/// <summary>
/// Ranks prospects by how likely a text reaches someone who can say yes: the decision maker, with a
/// verified address and a public profile, at a company small enough to decide quickly but large
/// enough to pay. Engagement (replies, opt-outs) adjusts the fit score later.
/// </summary>
public static class LeadScoring
{
    public const int BasePoints = 50;
    public const int OwnerOrExecutivePoints = 20;
    public const int VerifiedEmailPoints = 10;
    public const int LinkedInPoints = 10;
    public const int TargetRevenuePoints = 15;

    private static readonly ScoreItem Base = new("Base", BasePoints);
    private static readonly ScoreItem OwnerOrExecutive = new("Owner or executive", OwnerOrExecutivePoints);
    private static readonly ScoreItem VerifiedEmail = new("Verified e-mail", VerifiedEmailPoints);
    private static readonly ScoreItem LinkedIn = new("LinkedIn profile", LinkedInPoints);
    private static readonly ScoreItem TargetRevenue = new("Main-street or growth revenue", TargetRevenuePoints);

    /// <summary>
    /// The score and its breakdown. The breakdown always starts with "Base" and lists "Engagement" only
    /// when it moves the score; the total never goes below zero, however badly engagement went.
    /// </summary>
    public static LeadScore Score(bool ownerOrExecutive, bool emailVerified, bool hasLinkedIn, RevenueTier? tier, int engagementDelta = 0)
    {
        var items = new List<ScoreItem>(6) { Base };
        if (ownerOrExecutive)
        {
            items.Add(OwnerOrExecutive);
        }
        if (emailVerified)
        {
            items.Add(VerifiedEmail);
        }
        if (hasLinkedIn)
        {
            items.Add(LinkedIn);
        }
        if (tier is RevenueTier.MainStreet or RevenueTier.Growth)
        {
            items.Add(TargetRevenue);
        }
        if (engagementDelta != 0)
        {
            items.Add(new ScoreItem("Engagement", engagementDelta));
        }

        var sum = 0L;
        foreach (var item in items)
        {
            sum += item.Points;
        }
        return new LeadScore((int)Math.Clamp(sum, 0, int.MaxValue), items);
    }

    /// <summary>The total alone, without allocating a breakdown: the import scores a million rows.</summary>
    public static int Total(bool ownerOrExecutive, bool emailVerified, bool hasLinkedIn, RevenueTier? tier, int engagementDelta = 0)
    {
        var sum = (long)BasePoints
            + (ownerOrExecutive ? OwnerOrExecutivePoints : 0)
            + (emailVerified ? VerifiedEmailPoints : 0)
            + (hasLinkedIn ? LinkedInPoints : 0)
            + (tier is RevenueTier.MainStreet or RevenueTier.Growth ? TargetRevenuePoints : 0)
            + engagementDelta;
        return (int)Math.Clamp(sum, 0, int.MaxValue);
    }
}
