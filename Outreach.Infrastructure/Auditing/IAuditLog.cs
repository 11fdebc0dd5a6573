using Outreach.Domain.Auditing;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Auditing;

/// <summary>
/// The append-only audit log. A change adds its entry to its own context (<see cref="Add"/>), so the entry commits
/// or rolls back with it, and announces it after the commit; <see cref="RecordAsync"/> is for what has no change of
/// its own to join (sign-ins, exports).
/// </summary>
public interface IAuditLog
{
    /// <summary>Writes the entry on its own connection, commits it and announces it to the team.</summary>
    Task<AuditEntry> RecordAsync(
        Guid? teamId,
        AuditActor actor,
        string action,
        string summary,
        object? details = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds the entry to <paramref name="db"/>: the context's next save writes it, inside the change's transaction.
    /// Call <see cref="AnnounceAsync"/> once that transaction has committed.
    /// </summary>
    AuditEntry Add(OutreachDbContext db, Guid? teamId, AuditActor actor, string action, string summary, object? details = null);

    /// <summary>Tells the team's open pages about an entry that has been committed.</summary>
    Task AnnounceAsync(AuditEntry entry, CancellationToken cancellationToken = default);
}
