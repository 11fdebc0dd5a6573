using Outreach.Domain.Common;
using Outreach.Domain.Teams;

namespace Outreach.Domain.Tasks;

/// <summary>Viewers read the team's tasks; agents and above create, take, snooze and finish them.</summary>
public static class TaskPermissions
{
    public const TeamRole MinimumToAct = TeamRole.Agent;

    public static bool CanAct(TeamRole role) => role.IsAtLeast(MinimumToAct);

    public static void EnsureCanAct(TeamRole role)
    {
        if (!CanAct(role))
        {
            throw new DomainException("Viewers can read tasks but not create or change them.");
        }
    }
}
