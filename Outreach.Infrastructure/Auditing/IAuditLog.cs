using Outreach.Domain.Auditing;

namespace Outreach.Infrastructure.Auditing;

/// <summary>The append-only audit log. Each entry is committed, then announced live to the team.</summary>
public interface IAuditLog
{
    Task<AuditEntry> RecordAsync(
        Guid? teamId,
        AuditActor actor,
        string action,
        string summary,
        object? details = null,
        CancellationToken cancellationToken = default);
}
