namespace Outreach.Domain.Teams;

/// <summary>Who is changing a membership, and with which role in that team.</summary>
public sealed record MembershipActor(Guid UserId, TeamRole Role);
