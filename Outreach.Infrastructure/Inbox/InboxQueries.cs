using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Inbox;

/// <summary>The inbox's reads, scoped to the caller's team by the context's filters and by row-level security.</summary>
public sealed class InboxQueries(
    IDbContextFactory<OutreachDbContext> contexts, TenantScope scope, TenantDatabase tenantDatabase, InboxCountCache countCache, TimeProvider clock)
{
    /// <summary>Beyond this the list says "10,000+": counting a broad filter exactly costs more than the page.</summary>
    public const int CountLimit = 10_000;

    public const int MaxPageSize = 100;

    /// <summary>
    /// Which conversations the inbox shows: a conversation enters triage when the prospect writes, not when we do.
    /// A campaign send opens a conversation with nothing in it to triage; it stays out of every tab, count and
    /// badge (the prospect's page shows its thread) until the first reply. The SQL and the LINQ form are the same
    /// rule, and the inbox's partial indexes carry it (see the TriageNoise migration).
    /// </summary>
    public const string InTriageSql = "last_inbound_at IS NOT NULL";

    /// <inheritdoc cref="InTriageSql"/>
    public static readonly Expression<Func<Conversation, bool>> InTriage = c => c.LastInboundAt != null;

    [ReadOnly]
    public async Task<InboxListing> GetPageAsync(InboxFilter filter, Guid viewerId, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sla = await HotLeadTargetAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var query = Apply(db, filter, viewerId, InboxSla.BreachedIfWaitingBefore(now, sla));
        var ordered = filter.Sort == InboxSort.OldestWaiting
            // PostgreSQL sorts nulls last in ascending order: conversations nobody waits on come after the rest,
            // and the order matches the (team_id, waiting_since) index.
            ? query.OrderBy(c => c.WaitingSince).ThenByDescending(c => c.LastMessageAt).ThenBy(c => c.Id)
            : query.OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id);
        var rows = await (
                from c in ordered.Skip(skip).Take(Math.Clamp(take, 1, MaxPageSize))
                join p in db.Set<Prospect>() on c.ProspectId equals p.Id
                select new InboxRow(c.Id, c.ProspectId, p.FullName, p.Company, c.ProspectPhone, c.LastMessagePreview, c.LastClassification,
                    c.LastConfidence, c.Priority, c.Bucket, c.Status, c.AssigneeId, c.UnreadCount, c.LastMessageAt, c.WaitingSince,
                    c.SnoozedUntil, c.Labels, p.DoNotContact))
            .ToListAsync(cancellationToken);
        var counted = await query.Take(CountLimit + 1).CountAsync(cancellationToken);
        return new InboxListing(rows, Math.Min(counted, CountLimit), counted > CountLimit, sla);
    }

    /// <summary>
    /// Every tab's count and the navigation badge's numbers. The team's part is shared by everyone in the team on
    /// this node: a caller that passes <paramref name="computedSince"/> (the moment it heard of a change) reuses
    /// counts computed since then, so a burst of replies costs one count per team per node, not one per open
    /// browser. Without it the counts are computed afresh. The viewer's own Mine count is always fresh.
    /// </summary>
    /// <param name="matching">
    /// When it narrows the list (<see cref="InboxFilter.Narrows"/>: a search or any filter), each tab counts only the
    /// conversations it matches, whatever its own tab, so the operator sees where the matches are; Unread and Overdue
    /// stay the team's (they are the badge's). Such counts are computed afresh, never shared.
    /// </param>
    [ReadOnly]
    public async Task<InboxCounts> GetCountsAsync(
        Guid viewerId, CancellationToken cancellationToken, DateTimeOffset? computedSince = null, InboxFilter? matching = null)
    {
        var team = await countCache.GetAsync(scope.RequireTeamId(), computedSince, () => CountTeamAsync(cancellationToken));
        if (matching is { Narrows: true })
        {
            return team with { ByTab = await CountMatchingAsync(matching, viewerId, cancellationToken) };
        }
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT count(*)::int FROM conversations WHERE team_id = (SELECT app_current_team()) AND assignee_id = @me AND status = 'Open' AND {InTriageSql}",
            connection);
        command.Parameters.AddWithValue("me", viewerId);
        var mine = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        return team with { ByTab = new Dictionary<InboxTab, int>(team.ByTab) { [InboxTab.Mine] = mine } };
    }

    /// <summary>
    /// Every tab's count of what <paramref name="matching"/> finds, in one grouped scan of the matching conversations:
    /// the same <see cref="Apply"/> as the list (so a tab's count is the total its list shows), over every tab at once.
    /// </summary>
    private async Task<IReadOnlyDictionary<InboxTab, int>> CountMatchingAsync(InboxFilter matching, Guid viewerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sla = await HotLeadTargetAsync(db, cancellationToken);
        var groups = await MatchingCounts(db, matching, viewerId, InboxSla.BreachedIfWaitingBefore(clock.GetUtcNow(), sla)).ToListAsync(cancellationToken);
        var byTab = Enum.GetValues<InboxTab>().ToDictionary(t => t, _ => 0);
        foreach (var group in groups)
        {
            byTab[InboxTab.All] += group.Count;
            switch (group.Status)
            {
                case ConversationStatus.Snoozed:
                    byTab[InboxTab.Snoozed] += group.Count;
                    break;
                case ConversationStatus.Done:
                    byTab[InboxTab.Done] += group.Count;
                    break;
                default:
                    byTab[(InboxTab)group.Bucket] += group.Count;
                    byTab[InboxTab.Unassigned] += group.Unassigned;
                    byTab[InboxTab.Mine] += group.Mine;
                    break;
            }
        }
        return byTab;
    }

    /// <summary>The grouped count behind <see cref="CountMatchingAsync"/>; internal so that a test can read its plan.</summary>
    internal static IQueryable<MatchingGroup> MatchingCounts(OutreachDbContext db, InboxFilter matching, Guid viewerId, DateTimeOffset breachBefore) =>
        Apply(db, matching with { Tab = InboxTab.All }, viewerId, breachBefore)
            .GroupBy(c => new { c.Status, c.Bucket })
            .Select(g => new MatchingGroup(
                g.Key.Status,
                g.Key.Bucket,
                g.Count(),
                g.Count(c => c.AssigneeId == null),
                g.Count(c => c.AssigneeId == viewerId)));

    internal sealed record MatchingGroup(ConversationStatus Status, InboxBucket Bucket, int Count, int Unassigned, int Mine);

    /// <summary>
    /// The team's counts in one round trip of small index scans: status and bucket from (team, status, bucket),
    /// unassigned from (team, assignee, status), unread and overdue from partial indexes. A single pass over the
    /// team's conversations would read every row.
    /// </summary>
    private async Task<InboxCounts> CountTeamAsync(CancellationToken cancellationToken)
    {
        TimeSpan sla;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            sla = await HotLeadTargetAsync(db, cancellationToken);
        }
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"""
                    SELECT status, bucket, count(*)::int FROM conversations
                    WHERE team_id = (SELECT app_current_team()) AND {InTriageSql} GROUP BY status, bucket
                    """),
                new NpgsqlBatchCommand($"""
                    SELECT (SELECT count(*)::int FROM conversations WHERE team_id = (SELECT app_current_team()) AND assignee_id IS NULL AND status = 'Open'
                                AND {InTriageSql}),
                           (SELECT count(*)::int FROM conversations WHERE team_id = (SELECT app_current_team()) AND status = 'Open' AND unread_count > 0
                                AND {InTriageSql}),
                           (SELECT count(*)::int FROM conversations WHERE team_id = (SELECT app_current_team()) AND status = 'Open' AND priority = 'Hot'
                                AND waiting_since <= $1 AND {InTriageSql})
                    """)
                {
                    Parameters = { new NpgsqlParameter { Value = InboxSla.BreachedIfWaitingBefore(clock.GetUtcNow(), sla) } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var byTab = Enum.GetValues<InboxTab>().ToDictionary(t => t, _ => 0);
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = Enum.Parse<ConversationStatus>(reader.GetString(0));
            var count = reader.GetInt32(2);
            byTab[InboxTab.All] += count;
            var tab = status switch
            {
                ConversationStatus.Snoozed => InboxTab.Snoozed,
                ConversationStatus.Done => InboxTab.Done,
                _ => (InboxTab)Enum.Parse<InboxBucket>(reader.GetString(1)),
            };
            byTab[tab] += count;
        }
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        byTab[InboxTab.Unassigned] = reader.GetInt32(0);
        return new InboxCounts(byTab, Unread: reader.GetInt32(1), Overdue: reader.GetInt32(2));
    }

    [ReadOnly]
    public async Task<ConversationDetail?> GetConversationAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Set<Conversation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return null;
        }
        var prospect = await db.Set<Prospect>().AsNoTracking().SingleAsync(p => p.Id == conversation.ProspectId, cancellationToken);
        var messages = await db.Set<Message>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.CreatedAt).Take(200)
            .Select(MessageQueries.Line)
            .ToListAsync(cancellationToken);
        messages.Reverse();
        var lastInbound = await db.Set<Message>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Inbound)
            .OrderByDescending(m => m.CreatedAt)
            .Select(m => new LastReply(m.Body, m.Classification, m.Confidence, m.ExtractedEmail, m.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);
        var history = await db.Set<ConversationEvent>().AsNoTracking()
            .Where(e => e.ConversationId == conversationId)
            .OrderByDescending(e => e.OccurredAt).Take(100)
            .ToListAsync(cancellationToken);
        var number = await db.Set<SendingNumber>().AsNoTracking()
            .Where(n => n.Id == conversation.SendingNumberId).Select(n => n.Number).SingleOrDefaultAsync(cancellationToken);
        return new ConversationDetail(conversation, prospect, messages, lastInbound, history, number, await HotLeadTargetAsync(db, cancellationToken));
    }

    /// <summary>The team's active members, for assignment and for showing who a conversation belongs to.</summary>
    [ReadOnly]
    public async Task<IReadOnlyList<TeamMember>> GetMembersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
                from m in db.Memberships.AsNoTracking()
                join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                where m.IsActive
                orderby u.DisplayName
                select new TeamMember(u.Id, u.DisplayName, m.Role))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The team's own time zone, in which snooze presets and the team's hours are read.</summary>
    [ReadOnly]
    public async Task<TimeZoneInfo> GetTeamTimeZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await db.Teams.AsNoTracking().Select(t => t.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "", out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The team's campaigns, newest first, for the campaign filter.</summary>
    [ReadOnly]
    public async Task<IReadOnlyList<CampaignChoice>> GetCampaignsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Domain.Campaigns.Campaign>().AsNoTracking()
            .OrderByDescending(c => c.CreatedAt).Take(200)
            .Select(c => new CampaignChoice(c.Id, c.Name))
            .ToListAsync(cancellationToken);
    }

    [ReadOnly]
    public async Task<IReadOnlyList<string>> GetLabelsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database
            .SqlQuery<string>($"SELECT DISTINCT unnest(labels) AS \"Value\" FROM conversations WHERE team_id = app_current_team() ORDER BY 1 LIMIT 200")
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<Conversation> Apply(OutreachDbContext db, InboxFilter filter, Guid viewerId, DateTimeOffset breachBefore)
    {
        var query = db.Set<Conversation>().AsNoTracking().Where(InTriage);
        query = filter.Tab switch
        {
            InboxTab.Mine => query.Where(c => c.Status == ConversationStatus.Open && c.AssigneeId == viewerId),
            InboxTab.Unassigned => query.Where(c => c.Status == ConversationStatus.Open && c.AssigneeId == null),
            InboxTab.Snoozed => query.Where(c => c.Status == ConversationStatus.Snoozed),
            InboxTab.Done => query.Where(c => c.Status == ConversationStatus.Done),
            InboxTab.All => query,
            var tab => query.Where(c => c.Status == ConversationStatus.Open && c.Bucket == tab.Bucket()),
        };
        if (filter.Priority is { } priority)
        {
            query = query.Where(c => c.Priority == priority);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }
        if (filter.AssigneeId is { } assignee)
        {
            query = assignee == Guid.Empty ? query.Where(c => c.AssigneeId == null) : query.Where(c => c.AssigneeId == assignee);
        }
        if (!string.IsNullOrWhiteSpace(filter.Label))
        {
            var label = InboxLabels.Normalize(filter.Label);
            query = query.Where(c => c.Labels.Contains(label));
        }
        if (filter.Classification is { } kind)
        {
            query = query.Where(c => c.LastClassification == kind);
        }
        if (filter.CampaignId is { } campaignId)
        {
            var enrolled = db.Set<Domain.Campaigns.CampaignEnrollment>().Where(e => e.CampaignId == campaignId).Select(e => e.ProspectId);
            query = query.Where(c => enrolled.Contains(c.ProspectId));
        }
        if (filter.OverdueOnly)
        {
            query = query.Where(c => c.Status == ConversationStatus.Open && c.Priority == LeadPriority.Hot && c.WaitingSince <= breachBefore);
        }
        if (filter.EffectiveSearch is { } search)
        {
            query = Search(db, query, search);
        }
        return query;
    }

    /// <summary>
    /// A phone number or an e-mail address is looked up exactly; anything else matches part of the prospect's
    /// name or company, or whole words of any message in the conversation, in one owner function (see the
    /// Inbox migration) so that the trigram and full-text indexes work under row-level security.
    /// </summary>
    private static IQueryable<Conversation> Search(OutreachDbContext db, IQueryable<Conversation> query, string search)
    {
        if (search.Count(char.IsAsciiDigit) >= 7 && PhoneNumbers.Parse(search).E164 is { } phone)
        {
            return query.Where(c => c.ProspectPhone == phone);
        }
        if (search.Contains('@') && EmailAddresses.Normalize(search) is { } email)
        {
            var withEmail = db.Set<Prospect>().Where(p => p.Email == email).Select(p => p.Id);
            return query.Where(c => withEmail.Contains(c.ProspectId));
        }
        var pattern = Prospects.ProspectQuery.ContainsPattern(search.ToLowerInvariant());
        var matching = db.Database.SqlQuery<Guid>($"SELECT app_conversations_matching({pattern}, {search}) AS \"Value\"");
        return query.Where(c => matching.Contains(c.Id));
    }

    private static async Task<TimeSpan> HotLeadTargetAsync(OutreachDbContext db, CancellationToken cancellationToken)
    {
        var minutes = await db.Set<MessagingSettings>().AsNoTracking().Select(s => (int?)s.HotLeadSlaMinutes).FirstOrDefaultAsync(cancellationToken);
        return minutes is { } value ? TimeSpan.FromMinutes(value) : InboxSla.DefaultHotLeadTarget;
    }
}

public sealed record InboxRow(
    Guid Id, Guid ProspectId, string? Name, string? Company, string Phone, string? Preview, ReplyKind? Classification, int? Confidence,
    LeadPriority Priority, InboxBucket Bucket, ConversationStatus Status, Guid? AssigneeId, int UnreadCount, DateTimeOffset? LastMessageAt,
    DateTimeOffset? WaitingSince, DateTimeOffset? SnoozedUntil, string[] Labels, bool DoNotContact);

public sealed record InboxListing(IReadOnlyList<InboxRow> Rows, int Total, bool MoreThanTotal, TimeSpan HotLeadTarget);

public sealed record InboxCounts(IReadOnlyDictionary<InboxTab, int> ByTab, int Unread, int Overdue)
{
    public static readonly InboxCounts Empty = new(new Dictionary<InboxTab, int>(), 0, 0);

    public int this[InboxTab tab] => ByTab.GetValueOrDefault(tab);
}

public sealed record LastReply(string Body, ReplyKind? Classification, int? Confidence, string? ExtractedEmail, DateTimeOffset ReceivedAt);

public sealed record ConversationDetail(
    Conversation Conversation, Prospect Prospect, IReadOnlyList<MessageLine> Messages, LastReply? LastReply,
    IReadOnlyList<ConversationEvent> History, string? SendingNumber, TimeSpan HotLeadTarget);

public sealed record TeamMember(Guid UserId, string DisplayName, TeamRole Role);

public sealed record CampaignChoice(Guid Id, string Name);
