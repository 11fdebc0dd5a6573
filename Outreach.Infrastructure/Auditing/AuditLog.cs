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
        var entry = AuditEntry.Record(
            teamId,
            actor,
            action,
            summary,
            details is null ? "{}" : JsonSerializer.Serialize(details, Json),
            clock.GetUtcNow());

        // Written in the system scope: sign-in bookkeeping happens before a team is chosen, and an entry
        // may belong to no team at all. The caller decides the team; the entry never reads it from input.
        await using (var db = dbFactory.CreateDbContext())
        {
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }

        await events.PublishAsync(
            new LiveEvent(
                teamId,
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
        return entry;
    }
}
