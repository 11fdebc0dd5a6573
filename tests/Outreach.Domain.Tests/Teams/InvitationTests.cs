using Outreach.Domain.Common;
using Outreach.Domain.Teams;

namespace Outreach.Domain.Tests.Teams;

public class InvitationTests
{
    private static readonly Guid TeamId = Guid.NewGuid();

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static MembershipActor Actor(TeamRole role) => new(Guid.NewGuid(), role);

    private static Invitation Invite(Clock clock, TeamRole role = TeamRole.Agent) =>
        Invitation.Create(TeamId, "  Someone@Example.COM ", role, Actor(TeamRole.Owner), "hash", clock);

    [Fact]
    public void An_invitation_keeps_the_address_in_lower_case_and_expires_after_seven_days()
    {
        var clock = new Clock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        var invitation = Invite(clock);

        Assert.Equal("someone@example.com", invitation.Email);
        Assert.Equal(clock.Now.AddDays(7), invitation.ExpiresAt);
        Assert.True(invitation.IsPending(clock.Now));
    }

    [Fact]
    public void Only_an_owner_invites_an_owner_and_only_admins_invite_at_all()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);

        var ownerByAdmin = Assert.Throws<DomainException>(() =>
            Invitation.Create(TeamId, "a@example.com", TeamRole.Owner, Actor(TeamRole.Admin), "h", clock));
        var byManager = Assert.Throws<DomainException>(() =>
            Invitation.Create(TeamId, "a@example.com", TeamRole.Viewer, Actor(TeamRole.Manager), "h", clock));

        Assert.Contains("Only an owner", ownerByAdmin.Message);
        Assert.Contains("Only owners and admins", byManager.Message);
        Assert.Equal(TeamRole.Owner, Invitation.Create(TeamId, "a@example.com", TeamRole.Owner, Actor(TeamRole.Owner), "h", clock).Role);
    }

    [Fact]
    public void An_invitation_is_accepted_once()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var invitation = Invite(clock);
        var user = Guid.NewGuid();

        invitation.Accept(user, clock);
        var second = Assert.Throws<DomainException>(() => invitation.Accept(Guid.NewGuid(), clock));

        Assert.Equal(user, invitation.AcceptedBy);
        Assert.Contains("already been used", second.Message);
        Assert.False(invitation.IsPending(clock.Now));
    }

    [Fact]
    public void An_expired_invitation_cannot_be_accepted()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var invitation = Invite(clock);
        clock.Now += Invitation.Lifetime;

        var error = Assert.Throws<DomainException>(() => invitation.Accept(Guid.NewGuid(), clock));

        Assert.Contains("expired", error.Message);
        Assert.Null(invitation.AcceptedAt);
    }

    [Fact]
    public void A_revoked_invitation_cannot_be_accepted_or_renewed()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var invitation = Invite(clock);

        invitation.Revoke(Actor(TeamRole.Admin), clock);

        Assert.Contains("withdrawn", Assert.Throws<DomainException>(() => invitation.Accept(Guid.NewGuid(), clock)).Message);
        Assert.Throws<DomainException>(() => invitation.Renew(Actor(TeamRole.Admin), "new", clock));
        Assert.Equal("hash", invitation.TokenHash);
    }

    [Fact]
    public void Renewing_replaces_the_token_and_restarts_the_week_even_after_expiry()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var invitation = Invite(clock);
        clock.Now += TimeSpan.FromDays(10);

        invitation.Renew(Actor(TeamRole.Admin), "fresh", clock);

        Assert.Equal("fresh", invitation.TokenHash);
        Assert.True(invitation.IsPending(clock.Now));
        Assert.Equal(clock.Now + Invitation.Lifetime, invitation.ExpiresAt);
    }

    [Fact]
    public void An_admin_cannot_withdraw_an_invitation_to_become_owner()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var invitation = Invite(clock, TeamRole.Owner);

        Assert.Throws<DomainException>(() => invitation.Revoke(Actor(TeamRole.Admin), clock));

        Assert.Null(invitation.RevokedAt);
    }
}
