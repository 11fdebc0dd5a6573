using Outreach.Domain.Common;

namespace Outreach.Domain.Guardrails;

/// <summary>
/// A team's spend in one calendar month (UTC): reserved for queued messages, and settled from providers'
/// costs. Reservation is one conditional UPDATE, so concurrent senders can never together exceed the budget.
/// </summary>
public sealed class TeamSpend : ITeamOwned
{
    private TeamSpend()
    {
    }

    public Guid TeamId { get; private set; }
    public DateOnly Month { get; private set; }
    public decimal Reserved { get; private set; }
    public decimal Spent { get; private set; }

    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1);
    }
}
