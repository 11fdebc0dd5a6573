using Outreach.Domain.Common;

namespace Outreach.Domain.Teams;

/// <summary>
/// An offer to join a team with a role, sent to an e-mail address. Only the hash of its link's token is kept, so
/// a copy of the database cannot be used to join a team. It is used once, expires, and can be revoked until then.
/// </summary>
public sealed class Invitation : ITeamOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private Invitation()
    {
        Email = string.Empty;
        TokenHash = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public string Email { get; private set; }
    public TeamRole Role { get; private set; }
    public string TokenHash { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public Guid? AcceptedBy { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static Invitation Create(Guid teamId, string email, TeamRole role, MembershipActor invitedBy, string tokenHash, TimeProvider clock)
    {
        MembershipRules.EnsureCanGrant(invitedBy, role);
        var now = clock.GetUtcNow();
        return new Invitation
        {
            Id = Guid.CreateVersion7(now),
            TeamId = teamId,
            Email = Normalize(email),
            Role = role,
            TokenHash = tokenHash,
            CreatedBy = invitedBy.UserId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
    }

    /// <summary>Addresses are compared case-insensitively: people type them both ways.</summary>
    public static string Normalize(string email) => (email ?? string.Empty).Trim().ToLowerInvariant();

    public bool IsPending(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>Why the link no longer works, in the words the invitation page shows; null while it is pending.</summary>
    public string? Refusal(DateTimeOffset now) =>
        AcceptedAt is not null ? "This invitation has already been used."
        : RevokedAt is not null ? "This invitation was withdrawn by the team."
        : now >= ExpiresAt ? "This invitation has expired."
        : null;

    public void Accept(Guid userId, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (Refusal(now) is { } refusal)
        {
            throw new DomainException(refusal);
        }
        AcceptedAt = now;
        AcceptedBy = userId;
    }

    public void Revoke(MembershipActor actor, TimeProvider clock)
    {
        MembershipRules.EnsureCanGrant(actor, Role);
        var now = clock.GetUtcNow();
        if (!IsPending(now))
        {
            throw new DomainException(Refusal(now) ?? "This invitation can no longer be withdrawn.");
        }
        RevokedAt = now;
    }

    /// <summary>Sends a fresh link: the old one stops working and the week starts again.</summary>
    public void Renew(MembershipActor actor, string tokenHash, TimeProvider clock)
    {
        MembershipRules.EnsureCanGrant(actor, Role);
        if (AcceptedAt is not null || RevokedAt is not null)
        {
            throw new DomainException(Refusal(clock.GetUtcNow())!);
        }
        TokenHash = tokenHash;
        ExpiresAt = clock.GetUtcNow() + Lifetime;
    }
}
