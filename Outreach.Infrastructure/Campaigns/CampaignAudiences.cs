using System.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Prospects;
using Outreach.Domain.Suppression;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Prospects;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>
/// Who a campaign can be for, and how many of them it would reach. The audience is a set of the team's prospects
/// (tagged with every chosen tag, or brought in by one import); it reaches the ones enrolment would enroll:
/// <see cref="Reachable"/> is the one definition both this count and <see cref="CampaignService"/>'s enrolment use.
/// </summary>
public sealed class CampaignAudiences(IDbContextFactory<OutreachDbContext> contexts, TenantDatabase tenantDatabase, TenantScope scope)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const int MaxTags = 200;
    public const int MaxImports = 20;

    /// <summary>
    /// The team's tags, most used first, with how many prospects carry each. It reads every prospect's tags once:
    /// the tag index answers "who has this tag", not "which tags exist".
    /// </summary>
    [ReadOnly]
    public async Task<IReadOnlyList<AudienceTag>> TagsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT t.tag, count(*) AS prospects
            FROM prospects p CROSS JOIN LATERAL unnest(p.tags) AS t(tag)
            WHERE p.team_id = app_current_team() AND p.deleted_at IS NULL
            GROUP BY t.tag
            ORDER BY count(*) DESC, t.tag
            LIMIT @take
            """, connection);
        command.Parameters.AddWithValue("take", MaxTags);
        var tags = new List<AudienceTag>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tags.Add(new AudienceTag(reader.GetString("tag"), reader.GetInt64("prospects")));
        }
        return tags;
    }

    /// <summary>
    /// The team's latest finished imports that brought prospects in, with how many of those are still there. An
    /// import's prospects are the ones it created (<c>prospects.import_id</c>); rows that updated a prospect an earlier
    /// import had created stay that import's (tag-on-import covers them).
    /// </summary>
    [ReadOnly]
    public async Task<IReadOnlyList<ImportBatch>> ImportsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ProspectImport>().AsNoTracking()
            .Where(i => i.Status == ImportStatus.Completed && i.Inserted > 0)
            .OrderByDescending(i => i.CreatedAt)
            .Take(MaxImports)
            .Select(i => new ImportBatch(i.Id, i.FileName, i.FinishedAt ?? i.CreatedAt, i.Inserted,
                db.Set<Prospect>().Count(p => p.ImportId == i.Id && p.DeletedAt == null)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>How many people the audience holds and how many of them a campaign would reach, with a few of those as samples.</summary>
    [ReadOnly]
    public async Task<AudienceCount> CountAsync(CampaignAudience audience, int samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audience);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prospects = Select(db, audience);
        var matching = await prospects.CountAsync(cancellationToken);
        if (matching == 0)
        {
            return AudienceCount.Empty;
        }
        var excluded = await Excluded(db, prospects).CountAsync(cancellationToken);
        var reachable = Reachable(db, prospects);
        var reached = await reachable.CountAsync(cancellationToken);
        var fields = samples <= 0 ? [] : await reachable.OrderBy(p => p.Id).Take(samples)
            .Select(p => new ProspectFields(p.FirstName, p.LastName, p.FullName, p.Company, p.Title, p.City, p.State))
            .ToListAsync(cancellationToken);
        return new AudienceCount(matching, reached, excluded, matching - excluded - reached, fields);
    }

    /// <summary>The zone the team works in: the wizard asks for start and end on this clock.</summary>
    [ReadOnly]
    public async Task<TimeZoneInfo> TeamTimeZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await db.Teams.AsNoTracking().Select(t => t.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "", out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The team's prospects the audience names (not yet narrowed to those a campaign may message).</summary>
    internal static IQueryable<Prospect> Select(OutreachDbContext db, CampaignAudience audience)
    {
        var prospects = db.Set<Prospect>().AsNoTracking();
        return audience.Kind switch
        {
            AudienceKind.Tags when audience.Tags is { Count: > 0 } tags => ProspectQuery.Apply(db, prospects, new ProspectFilter { Tags = tags }),
            AudienceKind.ImportBatch when audience.ImportId is { } importId => ProspectQuery.Apply(db, prospects, new ProspectFilter { ImportId = importId }),
            AudienceKind.Selection => prospects.Where(p => p.DeletedAt == null && (audience.ProspectIds ?? Array.Empty<Guid>()).Contains(p.Id)),
            AudienceKind.Filter => ProspectQuery.Apply(db, prospects, JsonSerializer.Deserialize<ProspectFilter>(audience.FilterJson ?? "{}", Json) ?? ProspectFilter.All),
            _ => prospects.Where(p => false),
        };
    }

    /// <summary>
    /// Who of the audience a campaign may text: a phone number, not marked do-not-contact, and the number not on the
    /// team's SMS suppression list (the mark mirrors the list; the list itself is what sending obeys, so both are asked).
    /// </summary>
    internal static IQueryable<Prospect> Reachable(OutreachDbContext db, IQueryable<Prospect> audience) =>
        audience.Where(p => p.Phone != null && !p.DoNotContact
            && !db.Set<SuppressionEntry>().Any(s => s.Channel == SuppressionChannel.Sms && s.Value == p.Phone));

    /// <summary>Who of the audience is left out as do-not-contact (marked, or the number suppressed).</summary>
    internal static IQueryable<Prospect> Excluded(OutreachDbContext db, IQueryable<Prospect> audience) =>
        audience.Where(p => p.DoNotContact
            || (p.Phone != null && db.Set<SuppressionEntry>().Any(s => s.Channel == SuppressionChannel.Sms && s.Value == p.Phone)));
}

/// <summary>A tag the team uses and how many prospects carry it.</summary>
public sealed record AudienceTag(string Tag, long Prospects);

/// <summary>A finished import: its prospects (<see cref="Remaining"/> of the <see cref="Inserted"/> it created) can be an audience.</summary>
public sealed record ImportBatch(Guid Id, string FileName, DateTimeOffset FinishedAt, int Inserted, int Remaining);

/// <summary>
/// An audience counted: <see cref="Matching"/> people in it, of whom <see cref="Reachable"/> would be enrolled;
/// the rest are <see cref="DoNotContact"/> or have <see cref="NoPhone"/>. <see cref="Samples"/> are a few reachable ones.
/// </summary>
public sealed record AudienceCount(int Matching, int Reachable, int DoNotContact, int NoPhone, IReadOnlyList<ProspectFields> Samples)
{
    public static readonly AudienceCount Empty = new(0, 0, 0, 0, []);
}
