using Outreach.Domain.Common;

namespace Outreach.Domain.Teams;

/// <summary>
/// Who may manage whom. Admins manage the team; nobody changes their own membership (so an admin cannot
/// lock themselves out by accident), only owners touch owners, and a team always keeps one active owner.
/// </summary>
public static class MembershipRules
{
    public static bool CanManageMembers(TeamRole role) => role.IsAtLeast(TeamRole.Admin);

    public static void EnsureCanManage(MembershipActor actor, Membership target)
    {
        if (!CanManageMembers(actor.Role))
        {
            throw new DomainException("Only owners and admins can manage team members.");
        }
        if (actor.UserId == target.UserId)
        {
            throw new DomainException("You cannot change your own membership; ask another admin.");
        }
        if (target.Role == TeamRole.Owner && actor.Role != TeamRole.Owner)
        {
            throw new DomainException("Only an owner can change another owner.");
        }
    }

    public static void EnsureCanGrant(MembershipActor actor, TeamRole role)
    {
        if (!CanManageMembers(actor.Role))
        {
            throw new DomainException("Only owners and admins can add team members.");
        }
        if (role == TeamRole.Owner && actor.Role != TeamRole.Owner)
        {
            throw new DomainException("Only an owner can make someone an owner.");
        }
    }

    public static void EnsureNotLastOwner(int activeOwnerCount)
    {
        if (activeOwnerCount <= 1)
        {
            throw new DomainException("A team must keep at least one active owner.");
        }
    }
}
