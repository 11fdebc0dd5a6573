namespace Outreach.Infrastructure.Tenancy;

/// <summary>
/// Which team the current request, circuit or job acts for. It comes from the signed-in user's membership
/// (or an API key, or a webhook's receiving number), never from client input. An unset scope sees nothing.
/// </summary>
public sealed class TenantScope
{
    /// <summary>Background work that spans teams (jobs, seeding, sign-in bookkeeping).</summary>
    public static readonly TenantScope System = new() { IsSystem = true };

    // Swapped as one reference: a revalidation on another thread never leaves team and user mismatched.
    private Identity _identity = new(null, null);

    public Guid? TeamId => _identity.TeamId;
    public Guid? UserId => _identity.UserId;
    public bool IsSystem { get; private init; }

    /// <summary>A scope for background work on behalf of one team (an import, a webhook, a job's step).</summary>
    public static TenantScope ForTeam(Guid teamId, Guid? userId = null)
    {
        var scope = new TenantScope();
        scope.Set(teamId, userId);
        return scope;
    }

    public void Set(Guid? teamId, Guid? userId)
    {
        if (IsSystem)
        {
            throw new InvalidOperationException("The system scope cannot be narrowed to a team.");
        }
        _identity = new Identity(teamId, userId);
    }

    public Guid RequireTeamId() =>
        TeamId ?? throw new InvalidOperationException("No team is selected for this operation.");

    private sealed record Identity(Guid? TeamId, Guid? UserId);
}
