using Outreach.Domain.Common;

namespace Outreach.Domain.Campaigns;

/// <summary>
/// The campaign state machine as a table: only these moves exist. Completed and cancelled are final;
/// a running campaign completes only when nothing is left to send (the caller checks that).
/// </summary>
public static class CampaignTransitions
{
    private static readonly Dictionary<CampaignState, CampaignState[]> Allowed = new()
    {
        [CampaignState.Draft] = [CampaignState.Scheduled, CampaignState.Running, CampaignState.Cancelled],
        [CampaignState.Scheduled] = [CampaignState.Draft, CampaignState.Running, CampaignState.Cancelled],
        [CampaignState.Running] = [CampaignState.Paused, CampaignState.Cancelled, CampaignState.Completed],
        [CampaignState.Paused] = [CampaignState.Running, CampaignState.Cancelled],
        [CampaignState.Completed] = [],
        [CampaignState.Cancelled] = [],
    };

    public static bool IsAllowed(CampaignState from, CampaignState to) => Allowed[from].Contains(to);

    public static IReadOnlyList<CampaignState> From(CampaignState state) => Allowed[state];

    public static void Ensure(CampaignState from, CampaignState to)
    {
        if (!IsAllowed(from, to))
        {
            throw new DomainException($"A {from.ToString().ToLowerInvariant()} campaign cannot become {to.ToString().ToLowerInvariant()}.");
        }
    }

    /// <summary>Enrollments still owed a message: the engine works on these; a campaign with none left can complete.</summary>
    public static bool IsOpen(EnrollmentState state) => state is EnrollmentState.Pending or EnrollmentState.Active;
}
