using Outreach.Domain.Common;

namespace Outreach.Domain.Teams;

/// <summary>The caller does not hold <see cref="Permission"/>; the message names their role and what was refused.</summary>
public sealed class PermissionDeniedException(Permission permission, string message) : DomainException(message)
{
    public Permission Permission { get; } = permission;
}
