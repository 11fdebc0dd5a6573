using Outreach.Domain.Common;

namespace Outreach.Domain.Guardrails;

/// <summary>
/// A team's limits on automated sending: the monthly budget and the frequency caps per prospect across all
/// campaigns. A team without a row gets <see cref="Defaults"/>.
/// </summary>
public sealed class TeamSendingLimits : ITeamOwned
{
    public const int DefaultMaxPerDay = 1;
    public const int DefaultMaxPerWeek = 3;
    public const int DefaultMaxFollowUpsWithoutReply = 2;

    private TeamSendingLimits()
    {
    }

    public Guid TeamId { get; private set; }
    public decimal? MonthlyBudget { get; private set; }
    public int MaxPerProspectPerDay { get; private set; }
    public int MaxPerProspectPerWeek { get; private set; }

    /// <summary>Follow-up rule messages a prospect may receive in a row without replying.</summary>
    public int MaxFollowUpsWithoutReply { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static TeamSendingLimits Defaults(Guid teamId, TimeProvider clock) => new()
    {
        TeamId = teamId,
        MonthlyBudget = null,
        MaxPerProspectPerDay = DefaultMaxPerDay,
        MaxPerProspectPerWeek = DefaultMaxPerWeek,
        MaxFollowUpsWithoutReply = DefaultMaxFollowUpsWithoutReply,
        UpdatedAt = clock.GetUtcNow(),
    };

    public void Change(decimal? monthlyBudget, int maxPerDay, int maxPerWeek, TimeProvider clock, int maxFollowUpsWithoutReply = DefaultMaxFollowUpsWithoutReply)
    {
        if (maxFollowUpsWithoutReply is < 0 or > 10)
        {
            throw new DomainException("Follow-ups without a reply: between 0 and 10.");
        }
        if (BudgetLimit.Problem(monthlyBudget) is { } budgetProblem)
        {
            throw new DomainException($"Monthly budget: {budgetProblem}");
        }
        if (maxPerDay < 1 || maxPerWeek < maxPerDay || maxPerWeek > 50)
        {
            throw new DomainException("Frequency caps: at least one a day, and the weekly cap no lower than the daily one (at most 50).");
        }
        MonthlyBudget = monthlyBudget;
        MaxPerProspectPerDay = maxPerDay;
        MaxPerProspectPerWeek = maxPerWeek;
        MaxFollowUpsWithoutReply = maxFollowUpsWithoutReply;
        UpdatedAt = clock.GetUtcNow();
    }
}
