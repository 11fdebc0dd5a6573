namespace Outreach.Domain.Guardrails;

/// <summary>
/// Everything the guardrail policy needs to judge one message, gathered by the caller so that the policy stays
/// pure. <see cref="RecipientTimeZone"/> is an IANA id, or null when the recipient's zone is unknown.
/// </summary>
public sealed record GuardrailRequest(
    DateTimeOffset Now,
    string? RecipientTimeZone,
    bool RecipientSuppressed,
    bool GlobalKillSwitch,
    bool TeamKillSwitch,
    bool ChannelKillSwitch,
    SendWindow? TeamWindow,
    bool HasValidRecipient = true)
{
    /// <summary>False when the team has no number (or sender) able to send on the channel.</summary>
    public bool HasSendingNumber { get; init; } = true;

    /// <summary>The same body already went to this number within the last 24 hours.</summary>
    public bool DuplicateContent { get; init; }

    /// <summary>What the prospect already received from automation (campaigns, follow-ups); null for manual sends.</summary>
    public ProspectFrequency? Frequency { get; init; }

    /// <summary>The team's monthly budget and what is spent or reserved; null when the send has no estimated cost.</summary>
    public BudgetFacts? TeamBudget { get; init; }

    /// <summary>The campaign's settings and counters; null for sends that are not part of a campaign.</summary>
    public CampaignFacts? Campaign { get; init; }

    /// <summary>Follow-up rule messages the prospect received since last replying; null for other sends.</summary>
    public FollowUpFacts? FollowUps { get; init; }
}

/// <summary>Follow-up rule messages sent since the prospect last replied, and the team's maximum.</summary>
public sealed record FollowUpFacts(int SentWithoutReply, int MaxWithoutReply);

/// <summary>Automated sends to one prospect in the rolling day and week, with the oldest of each (for the deferral).</summary>
public sealed record ProspectFrequency(int LastDay, DateTimeOffset? OldestInDay, int MaxPerDay, int LastWeek, DateTimeOffset? OldestInWeek, int MaxPerWeek);

/// <summary>A budget (null: none), what is spent plus reserved against it, and this message's estimated cost.</summary>
public sealed record BudgetFacts(decimal? Limit, decimal Committed, decimal EstimatedCost)
{
    public bool Exceeded => Limit is { } limit && Committed + EstimatedCost > limit;
}

/// <summary>
/// One campaign send: the campaign's switches and settings, the enrollment's step, and the counters the caps
/// compare against. <see cref="NextDayStartsAt"/> is the next midnight in the team's time zone, where the
/// daily cap resets.
/// </summary>
public sealed record CampaignFacts(
    bool KillSwitch,
    bool Running,
    SendWindow Window,
    int Step,
    int MaxFollowUps,
    bool StopOnReply,
    bool ProspectReplied,
    bool NeedsApproval,
    int SentToday,
    int DailyCap,
    DateTimeOffset NextDayStartsAt,
    int SentLastMinute,
    DateTimeOffset? OldestInLastMinute,
    int ThrottlePerMinute,
    BudgetFacts Budget);
