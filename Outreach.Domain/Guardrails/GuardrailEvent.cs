using Outreach.Domain.Common;

namespace Outreach.Domain.Guardrails;

/// <summary>A send the guardrails blocked or deferred, with the reason, so that nothing is stopped silently.</summary>
public sealed class GuardrailEvent : ITeamOwned
{
    private GuardrailEvent()
    {
        Recipient = string.Empty;
        Explanation = string.Empty;
    }

    public long Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid? ProspectId { get; private set; }
    public string Recipient { get; private set; }
    public GuardrailOutcome Outcome { get; private set; }
    public GuardrailReason Reason { get; private set; }
    public string Explanation { get; private set; }
    public string? Source { get; private set; }

    /// <summary>The campaign the message belonged to, so trips are counted per campaign and reason.</summary>
    public Guid? CampaignId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>How many sends this entry stands for: 1, or every send a kill switch refused during one stop.</summary>
    public int Held { get; private set; }

    /// <summary>For a kill switch's entry, when that stop was engaged (its episode); null for other reasons.</summary>
    public DateTimeOffset? StopStartedAt { get; private set; }

    /// <summary>The latest refusal this entry counts.</summary>
    public DateTimeOffset LastOccurredAt { get; private set; }

    public static GuardrailEvent Record(Guid teamId, Guid? prospectId, string recipient, GuardrailDecision decision, string? source, TimeProvider clock, Guid? campaignId = null) => new()
    {
        TeamId = teamId,
        ProspectId = prospectId,
        Recipient = recipient,
        Outcome = decision.Outcome,
        Reason = decision.Reason,
        Explanation = decision.Explanation.Length <= 500 ? decision.Explanation : decision.Explanation[..500],
        Source = source,
        CampaignId = campaignId,
        OccurredAt = clock.GetUtcNow(),
        LastOccurredAt = clock.GetUtcNow(),
        Held = 1,
    };
}
