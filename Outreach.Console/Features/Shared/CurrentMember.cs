using System.Security.Claims;
using Outreach.Console.Features.Account;
using Outreach.Domain.Auditing;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Console.Features.Shared;

/// <summary>
/// The signed-in member of the current request or circuit, read from the authenticated principal, and
/// the source of the <see cref="TenantScope"/> every data access in this scope uses.
/// </summary>
public sealed class CurrentMember(TenantScope scope)
{
    // One immutable snapshot, replaced whole: readers on the circuit never see half of an update that
    // the revalidation loop makes from another thread.
    private Snapshot _current = Snapshot.SignedOut;

    public Guid UserId => _current.UserId;
    public string DisplayName => _current.DisplayName;
    public Guid? TeamId => _current.TeamId;
    public string? TeamName => _current.TeamName;
    public TeamRole? Role => _current.Role;
    public bool IsInstallationAdmin => _current.IsInstallationAdmin;
    public bool IsSignedIn => UserId != Guid.Empty;

    public Guid RequireTeamId() => TeamId ?? throw new InvalidOperationException("No team is selected.");

    public bool Can(TeamRole minimum) => Role?.IsAtLeast(minimum) == true;

    /// <summary>Whether the services would allow it: pages hide what this refuses.</summary>
    public bool Can(Permission permission) => Permissions.Allows(permission, Role, IsInstallationAdmin);

    public AuditActor Actor => new(UserId, DisplayName);

    public void Initialize(ClaimsPrincipal principal)
    {
        var next = Read(principal);
        _current = next;
        // A signed-in person always has a caller, even with no role: background work is the only caller-less scope.
        scope.ActAs(next.TeamId, next.IsSignedIn ? new Caller(next.UserId, next.DisplayName, next.Role, next.IsInstallationAdmin) : null);
    }

    private static Snapshot Read(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true ||
            !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return Snapshot.SignedOut;
        }
        // A team counts only when the membership check added a role for it.
        TeamRole? role = Enum.TryParse<TeamRole>(principal.FindFirstValue(OutreachClaimTypes.TeamRole), out var parsed) ? parsed : null;
        Guid? teamId = role is not null && Guid.TryParse(principal.FindFirstValue(OutreachClaimTypes.TeamId), out var team) ? team : null;
        return new Snapshot(
            userId,
            principal.FindFirstValue(OutreachClaimTypes.DisplayName) ?? principal.Identity.Name ?? string.Empty,
            teamId,
            teamId is null ? null : principal.FindFirstValue(OutreachClaimTypes.TeamName),
            teamId is null ? null : role,
            principal.HasClaim(OutreachClaimTypes.InstallationAdmin, "true"));
    }

    private sealed record Snapshot(Guid UserId, string DisplayName, Guid? TeamId, string? TeamName, TeamRole? Role, bool IsInstallationAdmin)
    {
        public static readonly Snapshot SignedOut = new(Guid.Empty, string.Empty, null, null, null, false);

        public bool IsSignedIn => UserId != Guid.Empty;
    }
}
