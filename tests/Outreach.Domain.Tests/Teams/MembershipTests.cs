using Outreach.Domain.Common;
using Outreach.Domain.Teams;

namespace Outreach.Domain.Tests.Teams;

public class MembershipTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;
    private static readonly Guid TeamId = Guid.NewGuid();

    private static Membership MemberWith(TeamRole role) => Membership.Create(TeamId, Guid.NewGuid(), role, Clock);

    private static MembershipActor Actor(TeamRole role) => new(Guid.NewGuid(), role);

    [Theory]
    [InlineData(TeamRole.Owner, TeamRole.Agent, TeamRole.Manager)]
    [InlineData(TeamRole.Owner, TeamRole.Admin, TeamRole.Owner)]
    [InlineData(TeamRole.Admin, TeamRole.Viewer, TeamRole.Admin)]
    [InlineData(TeamRole.Admin, TeamRole.Manager, TeamRole.Viewer)]
    public void Owners_and_admins_change_roles_they_are_allowed_to_grant(TeamRole actor, TeamRole from, TeamRole to)
    {
        var member = MemberWith(from);

        member.ChangeRole(to, Actor(actor), activeOwnerCount: 1);

        Assert.Equal(to, member.Role);
    }

    [Theory]
    [InlineData(TeamRole.Manager)]
    [InlineData(TeamRole.Agent)]
    [InlineData(TeamRole.Viewer)]
    public void Roles_below_admin_cannot_manage_members(TeamRole actor)
    {
        var member = MemberWith(TeamRole.Agent);

        var error = Assert.Throws<DomainException>(() => member.ChangeRole(TeamRole.Viewer, Actor(actor), 1));

        Assert.Contains("Only owners and admins", error.Message);
        Assert.Equal(TeamRole.Agent, member.Role);
    }

    [Fact]
    public void An_admin_cannot_make_an_owner()
    {
        var member = MemberWith(TeamRole.Manager);

        var error = Assert.Throws<DomainException>(() => member.ChangeRole(TeamRole.Owner, Actor(TeamRole.Admin), 1));

        Assert.Contains("Only an owner can make someone an owner", error.Message);
    }

    [Fact]
    public void An_admin_cannot_change_an_owner()
    {
        var owner = MemberWith(TeamRole.Owner);

        Assert.Throws<DomainException>(() => owner.ChangeRole(TeamRole.Viewer, Actor(TeamRole.Admin), 2));
        Assert.Throws<DomainException>(() => owner.Deactivate(Actor(TeamRole.Admin), 2));
    }

    [Fact]
    public void Nobody_changes_their_own_membership()
    {
        var member = MemberWith(TeamRole.Admin);
        var self = new MembershipActor(member.UserId, TeamRole.Admin);

        var error = Assert.Throws<DomainException>(() => member.ChangeRole(TeamRole.Viewer, self, 1));

        Assert.Contains("your own membership", error.Message);
    }

    [Fact]
    public void The_last_active_owner_cannot_be_demoted_or_deactivated()
    {
        var owner = MemberWith(TeamRole.Owner);

        Assert.Throws<DomainException>(() => owner.ChangeRole(TeamRole.Admin, Actor(TeamRole.Owner), activeOwnerCount: 1));
        Assert.Throws<DomainException>(() => owner.Deactivate(Actor(TeamRole.Owner), activeOwnerCount: 1));
        Assert.Equal(TeamRole.Owner, owner.Role);
        Assert.True(owner.IsActive);
    }

    [Fact]
    public void An_owner_can_be_demoted_when_another_owner_remains()
    {
        var owner = MemberWith(TeamRole.Owner);

        owner.ChangeRole(TeamRole.Admin, Actor(TeamRole.Owner), activeOwnerCount: 2);

        Assert.Equal(TeamRole.Admin, owner.Role);
    }

    [Fact]
    public void Deactivation_and_reactivation_toggle_access_once()
    {
        var member = MemberWith(TeamRole.Agent);
        var admin = Actor(TeamRole.Admin);

        member.Deactivate(admin, 1);
        Assert.False(member.IsActive);
        Assert.Throws<DomainException>(() => member.Deactivate(admin, 1));

        member.Reactivate(admin);
        Assert.True(member.IsActive);
        Assert.Throws<DomainException>(() => member.Reactivate(admin));
    }

    [Theory]
    [InlineData(TeamRole.Admin, TeamRole.Owner, false)]
    [InlineData(TeamRole.Admin, TeamRole.Admin, true)]
    [InlineData(TeamRole.Owner, TeamRole.Owner, true)]
    [InlineData(TeamRole.Manager, TeamRole.Viewer, false)]
    public void Granting_a_role_to_a_new_member_follows_the_same_rules(TeamRole actor, TeamRole role, bool allowed)
    {
        var grant = () => MembershipRules.EnsureCanGrant(Actor(actor), role);

        if (allowed)
        {
            grant();
        }
        else
        {
            Assert.Throws<DomainException>(grant);
        }
    }
}
