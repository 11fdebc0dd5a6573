using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Auditing;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Common;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;
using Outreach.Domain.Webhooks;
using Outreach.Infrastructure.Webhooks;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>
/// A team's campaigns: create and edit in draft, move through the state machine (every move audited and
/// published live), enroll the audience when a campaign starts, approve first contacts, and preview and
/// estimate a plan for the wizard.
/// </summary>
public sealed class CampaignService(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantDatabase tenantDatabase,
    TenantScope scope,
    IAuditLog audit,
    ILiveEventPublisher events,
    IOptions<CampaignOptions> options,
    TimeProvider clock)
{
    [ReadOnly]
    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(200).ToListAsync(cancellationToken);
    }

    [ReadOnly]
    public async Task<Campaign?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    [Requires(Permission.ManageCampaigns)]
    public async Task<Campaign> CreateAsync(CampaignPlan plan, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageCampaigns);
        var campaign = Campaign.Create(scope.RequireTeamId(), plan, actor.Name ?? "unknown", clock);
        AuditEntry entry;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Add(campaign);
            entry = audit.Add(db, campaign.TeamId, actor, CampaignAuditActions.Created, $"Created campaign \"{campaign.Name}\"", new { campaignId = campaign.Id });
            await db.SaveChangesAsync(cancellationToken);
        }
        await audit.AnnounceAsync(entry, cancellationToken);
        await PublishAsync(campaign, cancellationToken);
        return campaign;
    }

    [Requires(Permission.ManageCampaigns)]
    public async Task<Campaign> ChangePlanAsync(Guid id, CampaignPlan plan, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageCampaigns);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new DomainException("This campaign does not exist.");
        campaign.ChangePlan(plan, clock);
        var entry = audit.Add(db, campaign.TeamId, actor, CampaignAuditActions.Edited, $"Edited campaign \"{campaign.Name}\"", new { campaignId = id });
        await db.SaveChangesAsync(cancellationToken);
        await audit.AnnounceAsync(entry, cancellationToken);
        await PublishAsync(campaign, cancellationToken);
        return campaign;
    }

    /// <summary>
    /// Moves the campaign to <paramref name="to"/>. Starting enrolls the audience (once); cancelling cancels
    /// what is still queued. Concurrent moves of one campaign take turns on its row.
    /// </summary>
    [Requires(Permission.ManageCampaigns)]
    public async Task<Campaign> TransitionAsync(Guid id, CampaignState to, string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageCampaigns);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var campaign = await db.Set<Campaign>().FromSqlInterpolated($"SELECT * FROM campaigns WHERE id = {id} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken) ?? throw new DomainException("This campaign does not exist.");
        if (to == CampaignState.Completed && (await db.Set<CampaignEnrollment>().AnyAsync(
                e => e.CampaignId == id && (e.State == EnrollmentState.Pending || e.State == EnrollmentState.Active), cancellationToken)
            || await db.Set<Message>().AnyAsync(m => m.CampaignId == id && (m.Status == MessageStatus.Queued || m.Status == MessageStatus.Sending), cancellationToken)))
        {
            throw new DomainException("The campaign still has prospects to message or messages waiting to leave; pause or cancel it instead.");
        }
        var from = campaign.TransitionTo(to, reason, clock);
        WebhookOutbox.Add(db, campaign.TeamId, WebhookEventTypes.CampaignStateChanged, new { campaignId = id, campaign.Name, from = from.ToString(), to = to.ToString(), reason, by = actor.Name }, clock);
        await db.SaveChangesAsync(cancellationToken);
        if (to == CampaignState.Running && campaign.Enrolled == 0 && campaign.ExcludedDoNotContact == 0)
        {
            var (enrolled, excluded) = await EnrollAsync(db, campaign, cancellationToken);
            campaign.RecordEnrollment(enrolled, excluded);
            await db.SaveChangesAsync(cancellationToken);
        }
        if (to == CampaignState.Cancelled)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE messages SET status = 'Canceled', status_updated_at = now() WHERE campaign_id = {id} AND status = 'Queued'", cancellationToken);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE campaign_enrollments SET state = 'Skipped', last_skip_reason = 'CampaignCancelled', next_due_at = NULL, updated_at = now() WHERE campaign_id = {id} AND state IN ('Pending', 'Active')", cancellationToken);
        }
        var why = string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason.Trim()})";
        var entry = audit.Add(db, campaign.TeamId, actor, CampaignAuditActions.StateChanged,
            $"Campaign \"{campaign.Name}\": {from.Label()} → {to.Label()}{why}",
            new { campaignId = id, from = from.ToString(), to = to.ToString(), reason });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.AnnounceAsync(entry, cancellationToken);
        await PublishAsync(campaign, cancellationToken);
        return campaign;
    }

    /// <summary>First contacts waiting for approval: all of the campaign's, or the given prospects'.</summary>
    [Requires(Permission.ManageCampaigns)]
    public async Task<int> ApproveAsync(Guid id, IReadOnlyList<Guid>? prospectIds, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageCampaigns);
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE campaign_enrollments SET approved_at = now(), next_due_at = now(), updated_at = now()
            WHERE campaign_id = @id AND state = 'Pending' AND approved_at IS NULL AND (@prospects::uuid[] IS NULL OR prospect_id = ANY(@prospects))
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("prospects", NpgsqlDbType.Array | NpgsqlDbType.Uuid, prospectIds is { Count: > 0 } ? prospectIds.ToArray() : DBNull.Value);
        var approved = await command.ExecuteNonQueryAsync(cancellationToken);
        await audit.RecordAsync(scope.RequireTeamId(), actor, CampaignAuditActions.Approved, $"Approved first contact for {approved} prospects", new { campaignId = id, approved }, cancellationToken);
        return approved;
    }

    /// <summary>The audience as it would be enrolled now: who qualifies, and how many do-not-contact prospects are left out.</summary>
    [ReadOnly]
    public async Task<AudiencePreview> PreviewAsync(CampaignPlan plan, int sample, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var audience = CampaignAudiences.Select(db, plan.Audience);
        var eligible = CampaignAudiences.Reachable(db, audience);
        var count = await eligible.CountAsync(cancellationToken);
        var excluded = await CampaignAudiences.Excluded(db, audience).CountAsync(cancellationToken);
        var prospects = await eligible.OrderBy(p => p.Id).Take(sample)
            .Select(p => new ProspectFields(p.FirstName, p.LastName, p.FullName, p.Company, p.Title, p.City, p.State))
            .ToListAsync(cancellationToken);
        var first = plan.Steps.Count > 0 ? plan.Steps[0] : new CampaignStep(0, "");
        var rendered = prospects.Select(p => new RenderedPreview(p, CampaignMessage.Render(first.Template, p))).ToList();
        var segments = rendered.Count == 0 ? 1 : rendered.Max(r => SmsSegments.Measure(r.Body).Segments);
        var estimate = CampaignEstimate.For(plan, count, segments, options.Value.CostPerSegment);
        return new AudiencePreview(count, excluded, rendered, estimate);
    }

    [ReadOnly]
    public async Task<IReadOnlyList<EnrollmentView>> PendingApprovalAsync(Guid id, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<CampaignEnrollment>().AsNoTracking()
            .Where(e => e.CampaignId == id && e.State == EnrollmentState.Pending && e.ApprovedAt == null)
            .Join(db.Set<Prospect>(), e => e.ProspectId, p => p.Id, (e, p) => new EnrollmentView(e.ProspectId, p.FullName ?? p.Company ?? p.Phone ?? "", e.State, e.Step, e.NextDueAt, e.LastSkipReason))
            .Take(take).ToListAsync(cancellationToken);
    }

    private async Task<(int Enrolled, int Excluded)> EnrollAsync(OutreachDbContext db, Campaign campaign, CancellationToken cancellationToken)
    {
        var audience = CampaignAudiences.Select(db, campaign.AudienceDefinition);
        var excluded = await CampaignAudiences.Excluded(db, audience).CountAsync(cancellationToken);
        var ids = await CampaignAudiences.Reachable(db, audience).OrderBy(p => p.Id).Select(p => p.Id).ToArrayAsync(cancellationToken);
        var abTest = campaign.StepList.Any(s => !string.IsNullOrWhiteSpace(s.VariantB));
        var enrolled = 0;
        foreach (var chunk in ids.Chunk(10_000))
        {
            enrolled += await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO campaign_enrollments (team_id, campaign_id, prospect_id, step, state, next_due_at, variant, enrolled_at, updated_at)
                SELECT {campaign.TeamId}, {campaign.Id}, p.id, 0, 'Pending',
                       CASE WHEN {campaign.RequireApproval} THEN NULL ELSE greatest(now(), {campaign.StartAt ?? clock.GetUtcNow()}) END,
                       CASE WHEN {abTest} AND p.n % 2 = 0 THEN 'B' ELSE 'A' END, now(), now()
                FROM unnest({chunk}::uuid[]) WITH ORDINALITY AS p(id, n)
                ON CONFLICT (campaign_id, prospect_id) DO NOTHING
                """, cancellationToken);
        }
        return (enrolled, excluded);
    }

    private Task PublishAsync(Campaign campaign, CancellationToken cancellationToken) =>
        events.PublishAsync(new LiveEvent(campaign.TeamId, LiveEventKinds.CampaignChanged, new Dictionary<string, string?>
        {
            ["campaignId"] = campaign.Id.ToString(),
            ["state"] = campaign.State.ToString(),
            ["name"] = campaign.Name,
        }, clock.GetUtcNow()), cancellationToken);
}

public sealed record RenderedPreview(ProspectFields Prospect, string Body);

public sealed record AudiencePreview(int Eligible, int ExcludedDoNotContact, IReadOnlyList<RenderedPreview> Samples, CampaignEstimate Estimate);

public sealed record EnrollmentView(Guid ProspectId, string Name, EnrollmentState State, int Step, DateTimeOffset? NextDueAt, string? LastSkipReason);
