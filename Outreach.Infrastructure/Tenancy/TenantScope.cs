namespace Outreach.Infrastructure.Tenancy;

/// <summary>
/// Which team the current request, circuit or job acts for. It comes from the signed-in user's membership
/// (or an API key, or a webhook's receiving number), never from client input. An unset scope sees nothing.
/// </summary>
public sealed class TenantScope
{
    /// <summary>Background work that spans teams (jobs, seeding, sign-in bookkeeping).</summary>
    public static readonly TenantScope System = new() { IsSystem = true };

    public Guid? TeamId { get; private set; }
    public Guid? UserId { get; private set; }
    public bool IsSystem { get; private init; }

    public static TenantScope ForTeam(Guid teamId, Guid? userId = null) => new() { TeamId = teamId, UserId = userId };

    public void Set(Guid? teamId, Guid? userId)
    {
        if (IsSystem)
        {
            throw new InvalidOperationException("The system scope cannot be narrowed to a team.");
        }
        TeamId = teamId;
        UserId = userId;
    }

    public Guid RequireTeamId() =>
        TeamId ?? throw new InvalidOperationException("No team is selected for this operation.");
}
