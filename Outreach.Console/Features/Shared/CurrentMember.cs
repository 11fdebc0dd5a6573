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
    public Guid UserId { get; private set; }
    public string DisplayName { get; private set; } = string.Empty;
    public Guid? TeamId { get; private set; }
    public string? TeamName { get; private set; }
    public TeamRole? Role { get; private set; }
    public bool IsInstallationAdmin { get; private set; }
    public bool IsSignedIn => UserId != Guid.Empty;

    public Guid RequireTeamId() => TeamId ?? throw new InvalidOperationException("No team is selected.");

    public bool Can(TeamRole minimum) => Role?.IsAtLeast(minimum) == true;

    public AuditActor Actor => new(UserId, DisplayName);

    public void Initialize(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true ||
            !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            UserId = Guid.Empty;
            TeamId = null;
            Role = null;
            scope.Set(null, null);
            return;
        }
        UserId = userId;
        DisplayName = principal.FindFirstValue(OutreachClaimTypes.DisplayName) ?? principal.Identity.Name ?? string.Empty;
        IsInstallationAdmin = principal.HasClaim(OutreachClaimTypes.InstallationAdmin, "true");
        // A team counts only when the membership check added a role for it.
        Role = Enum.TryParse<TeamRole>(principal.FindFirstValue(OutreachClaimTypes.TeamRole), out var role) ? role : null;
        TeamId = Role is not null && Guid.TryParse(principal.FindFirstValue(OutreachClaimTypes.TeamId), out var teamId) ? teamId : null;
        TeamName = TeamId is null ? null : principal.FindFirstValue(OutreachClaimTypes.TeamName);
        scope.Set(TeamId, UserId);
    }
}
