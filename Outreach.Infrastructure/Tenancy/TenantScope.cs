using Outreach.Domain.Teams;

namespace Outreach.Infrastructure.Tenancy;

/// <summary>
/// Which team the current request, circuit or job acts for, and who acts. It comes from the signed-in user's
/// membership (or an API key, or a webhook's receiving number), never from client input. An unset scope sees
/// nothing. A scope without a caller is background work (the system): it passes every permission check.
/// </summary>
public sealed class TenantScope
{
    /// <summary>Background work that spans teams (jobs, seeding, sign-in bookkeeping).</summary>
    public static readonly TenantScope System = new() { IsSystem = true };

    // Swapped as one reference: a revalidation on another thread never leaves team and caller mismatched.
    private Identity _identity = new(null, null);

    public Guid? TeamId => _identity.TeamId;
    public Guid? UserId => _identity.Caller?.UserId;
    public bool IsSystem { get; private init; }

    /// <summary>Who acts; null for background work.</summary>
    public Caller? Caller => _identity.Caller;

    /// <summary>A scope for background work on behalf of one team (an import, a webhook, a job's step).</summary>
    public static TenantScope ForTeam(Guid teamId, Guid? userId = null)
    {
        var scope = new TenantScope();
        scope.Set(teamId, userId);
        return scope;
    }

    /// <summary>A scope for a person acting in a team (or in none: <paramref name="teamId"/> null).</summary>
    public static TenantScope For(Guid? teamId, Caller caller)
    {
        var scope = new TenantScope();
        scope.ActAs(teamId, caller);
        return scope;
    }

    /// <summary>
    /// Sets the team and, by id only, the user: a user whose role is not known holds no team permission.
    /// Background work passes a null user.
    /// </summary>
    public void Set(Guid? teamId, Guid? userId) =>
        ActAs(teamId, userId is { } id ? new Caller(id, string.Empty, null) : null);

    /// <summary>Sets the team and the person acting in it (null: background work for the team).</summary>
    public void ActAs(Guid? teamId, Caller? caller)
    {
        if (IsSystem)
        {
            throw new InvalidOperationException("The system scope cannot be narrowed to a team.");
        }
        _identity = new Identity(teamId, caller);
    }

    public Guid RequireTeamId() =>
        TeamId ?? throw new InvalidOperationException("No team is selected for this operation.");

    /// <summary>
    /// Throws <see cref="PermissionDeniedException"/> unless the caller holds <paramref name="permission"/>
    /// (background work always does). The first thing every state-changing service method does.
    /// </summary>
    public void Demand(Permission permission) => Authorization.Check(this, _identity.Caller, permission);

    private sealed record Identity(Guid? TeamId, Caller? Caller);
}
