using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Auditing;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Auditing;

public sealed record AuditRow(long Id, DateTimeOffset OccurredAt, Guid? ActorUserId, string? Actor, string Action, string Summary, string Details, string? IpAddress);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>Whose entries: a person's (by user id), or, with no user id, those the system recorded by itself.</summary>
public sealed record AuditPerson(Guid? UserId);

public enum AuditOrder
{
    OccurredAt,
    Actor,
}

/// <summary>One page of the audit log as the audit page asks for it: filters, an order from a fixed list, a window.</summary>
public sealed record AuditSearch
{
    /// <summary>Words in the summary, the person's name, the action's code or its label ("signed in").</summary>
    public string? Text { get; init; }

    /// <summary>One of <see cref="AuditActions.Areas"/>.</summary>
    public string? Area { get; init; }

    public AuditPerson? Person { get; init; }
    public DateTimeOffset? Since { get; init; }
    public AuditOrder OrderBy { get; init; } = AuditOrder.OccurredAt;
    public bool Descending { get; init; } = true;
    public int Skip { get; init; }
    public int Take { get; init; } = 25;
}

/// <summary>
/// Pages through the audit log of the context's team (the tenant filter and row security scope it) with every
/// filter, the order and the window applied in the database: the log only grows.
/// </summary>
public static class AuditLogQuery
{
    public const int MaxPageSize = 200;

    private const string Escape = "\\";

    public static async Task<AuditPage> PageAsync(OutreachDbContext db, AuditSearch search, CancellationToken cancellationToken)
    {
        IQueryable<AuditEntry> query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Area))
        {
            var patterns = AuditActions.PrefixesOf(search.Area).Select(prefix => prefix + ".%").ToArray();
            query = query.Where(a => patterns.Any(pattern => EF.Functions.Like(a.Action, pattern)));
        }
        if (search.Person is { } person)
        {
            query = person.UserId is { } userId ? query.Where(a => a.ActorUserId == userId) : query.Where(a => a.ActorUserId == null);
        }
        if (search.Since is { } since)
        {
            var from = since.ToUniversalTime();
            query = query.Where(a => a.OccurredAt >= from);
        }
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            var text = search.Text.Trim();
            var pattern = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            var labelled = AuditActions.CodesLabelled(text).ToArray();
            // The escape character is named: without it, Npgsql's ILIKE has none and "team_paused" would not find itself.
            query = query.Where(a => EF.Functions.ILike(a.Summary, pattern, Escape) || EF.Functions.ILike(a.Action, pattern, Escape) ||
                                     (a.ActorName != null && EF.Functions.ILike(a.ActorName, pattern, Escape)) || labelled.Contains(a.Action));
        }
        var total = await query.CountAsync(cancellationToken);
        var ordered = (search.OrderBy, search.Descending) switch
        {
            (AuditOrder.Actor, false) => query.OrderBy(a => a.ActorName).ThenByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id),
            (AuditOrder.Actor, true) => query.OrderByDescending(a => a.ActorName).ThenByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id),
            (_, false) => query.OrderBy(a => a.OccurredAt).ThenBy(a => a.Id),
            _ => query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id),
        };
        var rows = await ordered
            .Skip(Math.Max(0, search.Skip)).Take(Math.Clamp(search.Take, 1, MaxPageSize))
            .Select(a => new AuditRow(a.Id, a.OccurredAt, a.ActorUserId, a.ActorName, a.Action, a.Summary, a.Details, a.IpAddress))
            .ToListAsync(cancellationToken);
        return new AuditPage(rows, total);
    }
}
