using Outreach.Domain.Common;
using Outreach.Domain.Teams;

namespace Outreach.Domain.Inbox;

/// <summary>Viewers read the inbox; agents and above triage and reply.</summary>
public static class InboxPermissions
{
    public const TeamRole MinimumToAct = TeamRole.Agent;

    public static bool CanAct(TeamRole role) => role.IsAtLeast(MinimumToAct);

    public static void EnsureCanAct(TeamRole role)
    {
        if (!CanAct(role))
        {
            throw new DomainException("Viewers can read the inbox but not reply or change conversations.");
        }
    }
}
