using Outreach.Domain.Auditing;

namespace Outreach.Domain.Teams;

/// <summary>
/// The person an operation runs for: their account, name, role in the scope's team (null: none) and whether
/// they administer the installation. Background work has no caller.
/// </summary>
public sealed record Caller(Guid UserId, string DisplayName, TeamRole? Role, bool IsInstallationAdmin = false)
{
    public AuditActor Audit => new(UserId, DisplayName);
}
