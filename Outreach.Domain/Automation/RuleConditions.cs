using Outreach.Domain.Inbox;

namespace Outreach.Domain.Automation;

/// <summary>
/// What must be true of the conversation and its prospect for a rule to act, both when it is scheduled and
/// again when it fires. Empty lists and nulls mean "any".
/// </summary>
public sealed record RuleConditions
{
    public static RuleConditions Any { get; } = new();

    public IReadOnlyList<InboxBucket> Buckets { get; init; } = [];

    public IReadOnlyList<LeadPriority> Priorities { get; init; } = [];

    /// <summary>The prospect has every one of these tags.</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = [];

    /// <summary>The prospect has none of these tags.</summary>
    public IReadOnlyList<string> ExcludedTags { get; init; } = [];

    public int? MinScore { get; init; }

    public int? MaxScore { get; init; }

    /// <summary>True: the prospect has an e-mail address; false: has none; null: either.</summary>
    public bool? HasEmail { get; init; }

    /// <summary>The prospect is enrolled in this campaign.</summary>
    public Guid? CampaignId { get; init; }

    /// <summary>Null when the facts satisfy every condition; otherwise the first one they fail, in words.</summary>
    public string? FirstUnmet(ConversationFacts facts)
    {
        if (Buckets.Count > 0 && !Buckets.Contains(facts.Bucket))
        {
            return $"the conversation is in {facts.Bucket.Title()}";
        }
        if (Priorities.Count > 0 && !Priorities.Contains(facts.Priority))
        {
            return $"the lead is {facts.Priority.ToString().ToLowerInvariant()}";
        }
        if (RequiredTags.FirstOrDefault(t => !facts.HasTag(t)) is { } missing)
        {
            return $"the prospect is not tagged {missing}";
        }
        if (ExcludedTags.FirstOrDefault(facts.HasTag) is { } present)
        {
            return $"the prospect is tagged {present}";
        }
        if (MinScore is { } min && facts.Score < min)
        {
            return $"the score {facts.Score} is below {min}";
        }
        if (MaxScore is { } max && facts.Score > max)
        {
            return $"the score {facts.Score} is above {max}";
        }
        if (HasEmail is { } wanted && facts.HasEmail != wanted)
        {
            return wanted ? "the prospect has no e-mail address" : "the prospect has an e-mail address";
        }
        if (CampaignId is { } campaign && !facts.CampaignIds.Contains(campaign))
        {
            return "the prospect is not in the campaign";
        }
        return null;
    }

    public bool IsEmpty => Buckets.Count == 0 && Priorities.Count == 0 && RequiredTags.Count == 0 && ExcludedTags.Count == 0
        && MinScore is null && MaxScore is null && HasEmail is null && CampaignId is null;
}
