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

    public static ChannelKillSwitch Engage(Guid teamId, SuppressionChannel channel, string reason, string by, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Say why the channel is stopped.");
        }
        return new ChannelKillSwitch
        {
            TeamId = teamId,
            Channel = channel,
            Reason = reason.Trim().Length <= 500 ? reason.Trim() : reason.Trim()[..500],
            EngagedBy = by.Length <= 120 ? by : by[..120],
            EngagedAt = clock.GetUtcNow(),
        };
    }
}
