using System.Globalization;
using System.Text.Json;
using Outreach.Domain.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;

namespace Outreach.Infrastructure.Auditing;

internal sealed class AuditLog(ISystemDbContextFactory dbFactory, ILiveEventPublisher events, TimeProvider clock) : IAuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AuditEntry> RecordAsync(
        Guid? teamId,
        AuditActor actor,
        string action,
        string summary,
        object? details = null,
        CancellationToken cancellationToken = default)
    {
        // Written in the system scope: sign-in bookkeeping happens before a team is chosen, and an entry
        // may belong to no team at all. The caller decides the team; the entry never reads it from input.
        AuditEntry entry;
        await using (var db = dbFactory.CreateDbContext())
        {
            entry = Add(db, teamId, actor, action, summary, details);
            await db.SaveChangesAsync(cancellationToken);
        }
        await AnnounceAsync(entry, cancellationToken);
        return entry;
    }

    public AuditEntry Add(OutreachDbContext db, Guid? teamId, AuditActor actor, string action, string summary, object? details = null)
    {
        var entry = AuditEntry.Record(
            teamId,
            actor,
            action,
            summary,
            details is null ? "{}" : JsonSerializer.Serialize(details, Json),
            clock.GetUtcNow());
        db.AuditEntries.Add(entry);
        return entry;
    }

    public Task AnnounceAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        events.PublishAsync(
            new LiveEvent(
                entry.TeamId,
                LiveEventKinds.AuditRecorded,
                new Dictionary<string, string?>
                {
                    ["id"] = entry.Id.ToString(CultureInfo.InvariantCulture),
                    ["action"] = entry.Action,
                    ["summary"] = entry.Summary,
                    ["actor"] = entry.ActorName,
                },
                entry.OccurredAt),
            cancellationToken);
}
