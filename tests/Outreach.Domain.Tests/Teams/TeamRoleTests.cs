using Outreach.Domain.Teams;

namespace Outreach.Domain.Tests.Teams;

public class TeamRoleTests
{
    [Theory]
    [InlineData(TeamRole.Owner, TeamRole.Viewer, true)]
    [InlineData(TeamRole.Owner, TeamRole.Owner, true)]
    [InlineData(TeamRole.Admin, TeamRole.Owner, false)]
    [InlineData(TeamRole.Admin, TeamRole.Admin, true)]
    [InlineData(TeamRole.Manager, TeamRole.Admin, false)]
    [InlineData(TeamRole.Manager, TeamRole.Agent, true)]
    [InlineData(TeamRole.Agent, TeamRole.Manager, false)]
    [InlineData(TeamRole.Agent, TeamRole.Viewer, true)]
    [InlineData(TeamRole.Viewer, TeamRole.Agent, false)]
    [InlineData(TeamRole.Viewer, TeamRole.Viewer, true)]
    public void A_role_grants_what_every_lesser_role_grants(TeamRole role, TeamRole minimum, bool expected) =>
        Assert.Equal(expected, role.IsAtLeast(minimum));

    [Fact]
    public void The_roles_that_satisfy_manager_are_owner_admin_and_manager() =>
        Assert.Equal([TeamRole.Owner, TeamRole.Admin, TeamRole.Manager], TeamRoleExtensions.AtLeast(TeamRole.Manager));

    [Fact]
    public void Every_role_has_a_description() =>
        Assert.All(Enum.GetValues<TeamRole>(), r => Assert.False(string.IsNullOrWhiteSpace(r.Describe())));
}
