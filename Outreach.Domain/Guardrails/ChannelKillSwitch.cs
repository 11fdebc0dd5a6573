using Outreach.Domain.Common;
using Outreach.Domain.Suppression;

namespace Outreach.Domain.Guardrails;

/// <summary>A team's stop for one channel: while the row exists nothing of the team leaves on that channel.</summary>
public sealed class ChannelKillSwitch : ITeamOwned
{
    private ChannelKillSwitch()
    {
        Reason = string.Empty;
        EngagedBy = string.Empty;
    }

    public Guid TeamId { get; private set; }
    public SuppressionChannel Channel { get; private set; }
    public string Reason { get; private set; }
    public string EngagedBy { get; private set; }
    public DateTimeOffset EngagedAt { get; private set; }

    /// <summary>Engaged at once; the reason may follow (<see cref="Explain"/>).</summary>
    public static ChannelKillSwitch Engage(Guid teamId, SuppressionChannel channel, string? reason, string by, TimeProvider clock) => new()
    {
        TeamId = teamId,
        Channel = channel,
        Reason = Trimmed(reason),
        EngagedBy = by.Length <= 120 ? by : by[..120],
        EngagedAt = clock.GetUtcNow(),
    };

    public void Explain(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Say why the channel was stopped.");
        }
        Reason = Trimmed(reason);
    }

    private static string Trimmed(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? string.Empty : reason.Trim().Length <= 500 ? reason.Trim() : reason.Trim()[..500];
}
