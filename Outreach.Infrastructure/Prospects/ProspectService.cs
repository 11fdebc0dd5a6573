using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Prospects;
using Outreach.Domain.Suppression;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Enrichment;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Prospects;

/// <summary>The prospect use cases of the grid and the detail page, scoped to the caller's team.</summary>
public sealed class ProspectService(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantScope scope,
    TenantDatabase tenantDatabase,
    IAuditLog audit,
    ILiveEventPublisher events,
    TimeProvider clock)
{
    /// <summary>Counting every match of a broad filter over a million rows costs more than the page itself; beyond this the grid says "10,000+".</summary>
    public const int CountLimit = 10_000;

    public const int MaxPageSize = 200;

    [ReadOnly]
    public async Task<ProspectPage> GetPageAsync(ProspectFilter filter, ProspectSort sort, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var commonTags = await ProspectQuery.CommonTagsAsync(db, filter, cancellationToken);
        var query = ProspectQuery.Apply(db, db.Set<Prospect>().AsNoTracking(), filter, commonTags);
        var rows = await ProspectQuery.Sort(query, sort)
            .Skip(skip).Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(p => new ProspectRow(p.Id, p.FullName, p.Company, p.Title, p.Phone, p.Email, p.State, p.Sector,
                p.RevenueTier, p.Score, p.Status, p.DoNotContact, EF.Property<List<string>>(p, "_tags"), p.CreatedAt))
            .ToListAsync(cancellationToken);
        var counted = await query.Take(CountLimit + 1).CountAsync(cancellationToken);
        return new ProspectPage(rows, Math.Min(counted, CountLimit), counted > CountLimit);
    }

    [ReadOnly]
    public async Task<ProspectDetail?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prospect = await db.Set<Prospect>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken);
        if (prospect is null)
        {
            return null;
        }
        var activities = await db.Set<ProspectActivity>().AsNoTracking()
            .Where(a => a.ProspectId == id).OrderByDescending(a => a.OccurredAt).Take(200)
            .Select(a => new TimelineEntry(a.Kind, a.Summary, a.ActorName, a.OccurredAt)).ToListAsync(cancellationToken);
        if (prospect.ImportId is { } importId &&
            await db.Set<ProspectImport>().AsNoTracking().Where(i => i.Id == importId)
                .Select(i => new { i.FileName, i.CreatedByName, i.FinishedAt, i.CreatedAt }).SingleOrDefaultAsync(cancellationToken) is { } import)
        {
            activities.Add(new TimelineEntry(ProspectActivityKinds.Imported, $"Imported from {import.FileName}", import.CreatedByName, prospect.CreatedAt));
        }
        else if (!activities.Any(a => a.Kind == ProspectActivityKinds.Created))
        {
            activities.Add(new TimelineEntry(ProspectActivityKinds.Created, "Created", null, prospect.CreatedAt));
        }
        var suppressed = await db.Set<SuppressionEntry>().AsNoTracking()
            .Where(s => (s.Channel == SuppressionChannel.Sms && s.Value == prospect.Phone) || (s.Channel == SuppressionChannel.Email && s.Value == prospect.Email))
            .OrderBy(s => s.CreatedAt)
            .Select(s => new SuppressionNote(s.Channel, s.Reason, s.Source, s.CreatedAt)).ToListAsync(cancellationToken);
        return new ProspectDetail(prospect, prospect.ScoreBreakdown(), activities.OrderByDescending(a => a.OccurredAt).ToList(), suppressed);
    }

    /// <summary>Creates a prospect from form values keyed by field, under exactly the import's rules.</summary>
    [Requires(Permission.EditProspects)]
    public async Task<Guid> CreateAsync(IReadOnlyDictionary<ProspectField, string?> values, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.EditProspects);
        var normalized = Normalize(values);
        var prospect = Prospect.Create(scope.RequireTeamId(), normalized, clock);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureUniqueAsync(db, prospect.Id, normalized, cancellationToken);
        db.Add(prospect);
        db.Add(ProspectActivity.Record(prospect.TeamId, prospect.Id, ProspectActivityKinds.Created, "Created by hand", actor.Name, clock));
        await db.SaveChangesAsync(cancellationToken);
        await SyncDoNotContactAsync([prospect.Id], cancellationToken);
        await audit.RecordAsync(prospect.TeamId, actor, AuditActions.ProspectCreated, $"Created prospect {Describe(normalized)}", new { prospect.Id }, cancellationToken);
        await PublishAsync(cancellationToken);
        return prospect.Id;
    }

    [Requires(Permission.EditProspects)]
    public async Task EditAsync(Guid id, IReadOnlyDictionary<ProspectField, string?> values, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.EditProspects);
        var normalized = Normalize(values);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prospect = await db.Set<Prospect>().SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken)
            ?? throw new DomainException("This prospect does not exist.");
        await EnsureUniqueAsync(db, id, normalized, cancellationToken);
        prospect.Edit(normalized, clock);
        db.Add(ProspectActivity.Record(prospect.TeamId, id, ProspectActivityKinds.Edited, "Edited", actor.Name, clock));
        await db.SaveChangesAsync(cancellationToken);
        await SyncDoNotContactAsync([id], cancellationToken);
        await audit.RecordAsync(prospect.TeamId, actor, AuditActions.ProspectEdited, $"Edited prospect {Describe(normalized)}", new { id }, cancellationToken);
        await PublishAsync(cancellationToken);
    }

    /// <summary>
    /// Asks the enrichment provider about a prospect and fills the fields it lacks (never overwrites what
    /// the team entered). Returns the provider's answer, which says whether anything was found and the cost.
    /// </summary>
    [Requires(Permission.EnrichProspects)]
    public async Task<EnrichmentResult> EnrichAsync(Guid id, EnrichmentService enrichment, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.EnrichProspects);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prospect = await db.Set<Prospect>().SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken)
            ?? throw new DomainException("This prospect does not exist.");
        var result = await enrichment.EnrichAsync(prospect.TeamId, new EnrichmentRequest(
            prospect.FullName, prospect.FirstName, prospect.LastName, prospect.Company, prospect.Email, prospect.Phone,
            prospect.Website, prospect.LinkedIn, prospect.Title, prospect.State), cancellationToken);
        if (!result.Found)
        {
            return result;
        }
        var values = ProspectValues.Of(prospect);
        void Fill(ProspectField field, string? value)
        {
            if (string.IsNullOrWhiteSpace(values.GetValueOrDefault(field)) && !string.IsNullOrWhiteSpace(value))
            {
                values[field] = value;
            }
        }
        Fill(ProspectField.Email, result.Email);
        Fill(ProspectField.Title, result.Title);
        Fill(ProspectField.LinkedIn, result.LinkedIn);
        Fill(ProspectField.Website, result.Website);
        Fill(ProspectField.SecondaryPhone, result.Phone == prospect.Phone ? null : result.Phone);
        Fill(ProspectField.Employees, result.Employees?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Fill(ProspectField.Revenue, result.Revenue?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (result.EmailVerified == true && (prospect.Email is null || prospect.Email == result.Email))
        {
            values[ProspectField.EmailVerified] = "yes";
        }
        var normalized = Normalize(values);
        await EnsureUniqueAsync(db, id, normalized, cancellationToken);
        prospect.Edit(normalized, clock);
        db.Add(ProspectActivity.Record(prospect.TeamId, id, ProspectActivityKinds.Edited,
            $"Enriched by {enrichment.ProviderName}{(result.Cost > 0 ? $" (cost {result.Cost:0.00})" : "")}", actor.Name, clock));
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Applies one action to an explicit selection or to every prospect matching a filter, in one statement.
    /// Returns how many prospects changed.
    /// </summary>
    [Requires(Permission.EditProspects)]
    public async Task<int> BulkAsync(ProspectSelection selection, BulkAction action, AuditActor actor, CancellationToken cancellationToken)
    {
        // Deleting is a manager's; every other bulk change is an agent's.
        scope.Demand(action is BulkAction.Delete ? Permission.DeleteProspects : Permission.EditProspects);
        var ids = await ResolveAsync(selection, cancellationToken);
        if (ids.Length == 0)
        {
            return 0;
        }
        var teamId = scope.RequireTeamId();
        int changed;
        switch (action)
        {
            case BulkAction.Tag(var tag):
                changed = await ExecuteAsync(
                    "UPDATE prospects SET tags = array_append(tags, @tag), updated_at = now() WHERE id = ANY(@ids) AND NOT (@tag = ANY(tags)) AND cardinality(tags) < @max",
                    ids, cancellationToken, ("tag", Prospect.NormalizeTag(tag)), ("max", Prospect.MaxTags));
                break;
            case BulkAction.Untag(var tag):
                changed = await ExecuteAsync(
                    "UPDATE prospects SET tags = array_remove(tags, @tag), updated_at = now() WHERE id = ANY(@ids) AND @tag = ANY(tags)",
                    ids, cancellationToken, ("tag", Prospect.NormalizeTag(tag)));
                break;
            case BulkAction.ChangeStatus(var status):
                changed = await ExecuteAsync(
                    "UPDATE prospects SET status = @status, updated_at = now() WHERE id = ANY(@ids) AND status <> @status",
                    ids, cancellationToken, ("status", status.ToString()));
                break;
            case BulkAction.DoNotContact:
                changed = await ExecuteAsync(
                    """
                    WITH targets AS (SELECT phone, email FROM prospects WHERE id = ANY(@ids)),
                    added AS (
                        INSERT INTO suppressions (team_id, channel, value, reason, source, created_by, created_at)
                        SELECT app_current_team(), 'Sms', phone, 'Manual', @source, @user, now() FROM targets WHERE phone IS NOT NULL
                        UNION ALL
                        SELECT app_current_team(), 'Email', email, 'Manual', @source, @user, now() FROM targets WHERE email IS NOT NULL
                        ON CONFLICT (team_id, channel, value) DO NOTHING
                    )
                    UPDATE prospects SET do_not_contact = true, updated_at = now() WHERE id = ANY(@ids) AND NOT do_not_contact
                    """, ids, cancellationToken, ("source", $"bulk action by {actor.Name}"), ("user", (object?)actor.UserId ?? DBNull.Value));
                break;
            case BulkAction.Delete:
                changed = await ExecuteAsync(
                    "UPDATE prospects SET deleted_at = now(), updated_at = now() WHERE id = ANY(@ids) AND deleted_at IS NULL",
                    ids, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
        await audit.RecordAsync(teamId, actor, action is BulkAction.Delete ? AuditActions.ProspectsDeleted : AuditActions.ProspectsBulkChanged,
            $"{action.Describe()} on {changed:N0} prospects", new { action = action.Describe(), changed, selected = ids.Length, allMatching = selection.Filter is not null }, cancellationToken);
        await PublishAsync(cancellationToken);
        return changed;
    }

    private async Task<Guid[]> ResolveAsync(ProspectSelection selection, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<Prospect>().AsNoTracking().Where(p => p.DeletedAt == null);
        if (selection.Filter is { } filter)
        {
            query = ProspectQuery.Apply(db, query, filter);
        }
        else
        {
            var ids = selection.Ids.ToList();
            query = query.Where(p => ids.Contains(p.Id));
        }
        return await query.Select(p => p.Id).ToArrayAsync(cancellationToken);
    }

    private async Task<int> ExecuteAsync(string sql, Guid[] ids, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, ids);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The flag mirrors the suppression list: a prospect created or edited onto a suppressed number is flagged at once.</summary>
    private async Task SyncDoNotContactAsync(Guid[] ids, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            UPDATE prospects p SET do_not_contact = EXISTS (SELECT 1 FROM suppressions s WHERE s.team_id = p.team_id
                AND ((s.channel = 'Sms' AND s.value = p.phone) OR (s.channel = 'Email' AND s.value = p.email)))
            WHERE p.id = ANY(@ids)
            """, ids, cancellationToken);

    private static NormalizedProspect Normalize(IReadOnlyDictionary<ProspectField, string?> values)
    {
        var raw = new string?[Enum.GetValues<ProspectField>().Length];
        foreach (var (field, value) in values)
        {
            raw[(int)field] = value;
        }
        var result = ProspectRows.Normalize(raw);
        return result.Prospect ?? throw new DomainException(Capitalize(result.Rejection ?? "These values are not a valid prospect."));
    }

    private static async Task EnsureUniqueAsync(OutreachDbContext db, Guid id, NormalizedProspect values, CancellationToken cancellationToken)
    {
        if (values.Phone is { } phone && await db.Set<Prospect>().AnyAsync(p => p.Id != id && p.DeletedAt == null && p.Phone == phone, cancellationToken))
        {
            throw new ProspectFieldException(ProspectField.Phone, $"Another prospect already has the phone number {phone}.");
        }
        if (values.Email is { } email && await db.Set<Prospect>().AnyAsync(p => p.Id != id && p.DeletedAt == null && p.Email == email, cancellationToken))
        {
            throw new ProspectFieldException(ProspectField.Email, $"Another prospect already has the e-mail address {email}.");
        }
    }

    private static string Describe(NormalizedProspect p) => p.FullName ?? p.Company ?? p.Phone ?? p.Email ?? "(unnamed)";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private Task PublishAsync(CancellationToken cancellationToken) =>
        events.PublishAsync(new LiveEvent(scope.RequireTeamId(), LiveEventKinds.ProspectsChanged, new Dictionary<string, string?>(), clock.GetUtcNow()), cancellationToken);
}

public sealed record ProspectRow(
    Guid Id, string? FullName, string? Company, string? Title, string? Phone, string? Email, string? State, string? Sector,
    RevenueTier? RevenueTier, int Score, ProspectStatus Status, bool DoNotContact, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt);

/// <summary>One page of the grid. <see cref="Total"/> stops counting at <see cref="ProspectService.CountLimit"/>; <see cref="MoreThanTotal"/> says so.</summary>
public sealed record ProspectPage(IReadOnlyList<ProspectRow> Rows, int Total, bool MoreThanTotal);

public sealed record TimelineEntry(string Kind, string Summary, string? ActorName, DateTimeOffset OccurredAt);

public sealed record ProspectDetail(Prospect Prospect, LeadScore Score, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<SuppressionNote> Suppressions);

/// <summary>Why one of the prospect's addresses is on the suppression list.</summary>
public sealed record SuppressionNote(SuppressionChannel Channel, SuppressionReason Reason, string Source, DateTimeOffset CreatedAt);

/// <summary>A refusal that concerns one field of the prospect (a form shows it beside that field).</summary>
public sealed class ProspectFieldException(ProspectField field, string message) : DomainException(message)
{
    public ProspectField Field { get; } = field;
}

/// <summary>Either explicit ids or "everything matching this filter".</summary>
public sealed record ProspectSelection(IReadOnlyList<Guid> Ids, ProspectFilter? Filter)
{
    public static ProspectSelection Of(IEnumerable<Guid> ids) => new(ids.ToList(), null);

    public static ProspectSelection Matching(ProspectFilter filter) => new([], filter);
}

public abstract record BulkAction
{
    public sealed record Tag(string Name) : BulkAction;

    public sealed record Untag(string Name) : BulkAction;

    public sealed record ChangeStatus(ProspectStatus Status) : BulkAction;

    public sealed record DoNotContact : BulkAction;

    public sealed record Delete : BulkAction;

    public string Describe() => this switch
    {
        Tag t => $"Tagged \"{t.Name}\"",
        Untag t => $"Removed tag \"{t.Name}\"",
        ChangeStatus s => $"Status set to {ProspectWords.Status(s.Status).ToLowerInvariant()}",
        DoNotContact => "Marked do-not-contact",
        Delete => "Deleted",
        _ => GetType().Name,
    };
}
