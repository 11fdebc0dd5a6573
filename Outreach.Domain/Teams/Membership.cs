using Outreach.Domain.Common;

namespace Outreach.Domain.Teams;

/// <summary>A user's place in a team: the role they hold there and whether they may still use it.</summary>
public sealed class Membership
{
    private Membership()
    {
    }

    public Guid TeamId { get; private set; }
    public Guid UserId { get; private set; }
    public TeamRole Role { get; private set; }
    public bool IsActive { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }

    public static Membership Create(Guid teamId, Guid userId, TeamRole role, TimeProvider clock) => new()
    {
        TeamId = teamId,
        UserId = userId,
        Role = role,
        IsActive = true,
        JoinedAt = clock.GetUtcNow(),
    };

    /// <summary>Changes the role, enforcing who may grant what (see <see cref="MembershipRules"/>).</summary>
    public void ChangeRole(TeamRole newRole, MembershipActor actor, int activeOwnerCount)
    {
        MembershipRules.EnsureCanManage(actor, this);
        if (newRole == TeamRole.Owner && actor.Role != TeamRole.Owner)
        {
            throw new DomainException("Only an owner can make someone an owner.");
        }
        if (Role == TeamRole.Owner && newRole != TeamRole.Owner)
        {
            MembershipRules.EnsureNotLastOwner(activeOwnerCount);
        }
        Role = newRole;
    }

    public void Deactivate(MembershipActor actor, int activeOwnerCount)
    {
        MembershipRules.EnsureCanManage(actor, this);
        if (!IsActive)
        {
            throw new DomainException("This member is already deactivated.");
        }
        if (Role == TeamRole.Owner)
        {
            MembershipRules.EnsureNotLastOwner(activeOwnerCount);
        }
        IsActive = false;
    }

    public void Reactivate(MembershipActor actor)
    {
        MembershipRules.EnsureCanManage(actor, this);
        if (IsActive)
        {
            throw new DomainException("This member is already active.");
        }
        IsActive = true;
    }
}
