using Outreach.Domain.Automation;

namespace Outreach.Console.Features.Automation;

/// <summary>A rule's conditions in words, for the rules list.</summary>
public static class RuleText
{
    public static string Conditions(RuleConditions conditions, IReadOnlyDictionary<Guid, string> campaignNames)
    {
        if (conditions.IsEmpty)
        {
            return "Always";
        }
        var parts = new List<string>();
        if (conditions.Buckets.Count > 0)
        {
            parts.Add("in " + string.Join(" or ", conditions.Buckets));
        }
        if (conditions.Priorities.Count > 0)
        {
            parts.Add(string.Join(" or ", conditions.Priorities).ToLowerInvariant() + " leads");
        }
        if (conditions.RequiredTags.Count > 0)
        {
            parts.Add("tagged " + string.Join(" and ", conditions.RequiredTags));
        }
        if (conditions.ExcludedTags.Count > 0)
        {
            parts.Add("not tagged " + string.Join(" or ", conditions.ExcludedTags));
        }
        if (conditions.MinScore is not null || conditions.MaxScore is not null)
        {
            parts.Add($"score {conditions.MinScore?.ToString() ?? "0"}–{conditions.MaxScore?.ToString() ?? "any"}");
        }
        if (conditions.HasEmail is { } email)
        {
            parts.Add(email ? "with an e-mail" : "without an e-mail");
        }
        if (conditions.CampaignId is { } campaign)
        {
            parts.Add("in campaign " + campaignNames.GetValueOrDefault(campaign, "(deleted)"));
        }
        return string.Join(", ", parts);
    }
}
