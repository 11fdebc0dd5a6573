using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging;

namespace Outreach.Infrastructure.Inbox;

/// <summary>The inbox's reads, scoped to the caller's team by the context's filters and by row-level security.</summary>
public sealed class InboxQueries(IDbContextFactory<OutreachDbContext> contexts, TimeProvider clock)
{
    /// <summary>Beyond this the list says "10,000+": counting a broad filter exactly costs more than the page.</summary>
    public const int CountLimit = 10_000;

    public const int MaxPageSize = 100;

    public async Task<InboxListing> GetPageAsync(InboxFilter filter, Guid viewerId, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sla = await HotLeadTargetAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var query = Apply(db, filter, viewerId, InboxSla.BreachedIfWaitingBefore(now, sla));
        var ordered = filter.Sort == InboxSort.OldestWaiting
            ? query.OrderBy(c => c.WaitingSince == null).ThenBy(c => c.WaitingSince).ThenByDescending(c => c.LastMessageAt).ThenBy(c => c.Id)
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

    /// <summary>Every tab's count in one pass over the team's conversations, plus the navigation badge's numbers.</summary>
    public async Task<InboxCounts> GetCountsAsync(Guid viewerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var breachBefore = InboxSla.BreachedIfWaitingBefore(clock.GetUtcNow(), await HotLeadTargetAsync(db, cancellationToken));
        var counts = await db.Set<Conversation>()
            .GroupBy(_ => 1)
            .Select(g => new
            {
                EmailCaptures = g.Count(c => c.Status == ConversationStatus.Open && c.Bucket == InboxBucket.EmailCaptures),
                HotResponses = g.Count(c => c.Status == ConversationStatus.Open && c.Bucket == InboxBucket.HotResponses),
                Objections = g.Count(c => c.Status == ConversationStatus.Open && c.Bucket == InboxBucket.Objections),
                DoNotContact = g.Count(c => c.Status == ConversationStatus.Open && c.Bucket == InboxBucket.DoNotContact),
                Other = g.Count(c => c.Status == ConversationStatus.Open && c.Bucket == InboxBucket.Other),
                Mine = g.Count(c => c.Status == ConversationStatus.Open && c.AssigneeId == viewerId),
                Unassigned = g.Count(c => c.Status == ConversationStatus.Open && c.AssigneeId == null),
                Snoozed = g.Count(c => c.Status == ConversationStatus.Snoozed),
                Done = g.Count(c => c.Status == ConversationStatus.Done),
                All = g.Count(),
                Unread = g.Count(c => c.Status == ConversationStatus.Open && c.UnreadCount > 0),
                Overdue = g.Count(c => c.Status == ConversationStatus.Open && c.Priority == LeadPriority.Hot && c.WaitingSince <= breachBefore),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (counts is null)
        {
            return InboxCounts.Empty;
        }
        var byTab = new Dictionary<InboxTab, int>
        {
            [InboxTab.EmailCaptures] = counts.EmailCaptures,
            [InboxTab.HotResponses] = counts.HotResponses,
            [InboxTab.Objections] = counts.Objections,
            [InboxTab.DoNotContact] = counts.DoNotContact,
            [InboxTab.Other] = counts.Other,
            [InboxTab.Mine] = counts.Mine,
            [InboxTab.Unassigned] = counts.Unassigned,
            [InboxTab.Snoozed] = counts.Snoozed,
            [InboxTab.Done] = counts.Done,
            [InboxTab.All] = counts.All,
        };
        return new InboxCounts(byTab, counts.Unread, counts.Overdue);
    }

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
            .Select(m => new MessageLine(m.Id, m.Direction, m.Body, m.Status, m.From, m.To, m.Classification, m.Confidence,
                m.ErrorCode, m.ErrorMessage, m.SentByName, m.Source, m.NextAttemptAt, m.CreatedAt))
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
    public async Task<TimeZoneInfo> GetTeamTimeZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await db.Teams.AsNoTracking().Select(t => t.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "", out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public async Task<IReadOnlyList<string>> GetLabelsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database
            .SqlQuery<string>($"SELECT DISTINCT unnest(labels) AS \"Value\" FROM conversations WHERE team_id = app_current_team() ORDER BY 1 LIMIT 200")
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<Conversation> Apply(OutreachDbContext db, InboxFilter filter, Guid viewerId, DateTimeOffset breachBefore)
    {
        var query = db.Set<Conversation>().AsNoTracking();
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
        if (filter.OverdueOnly)
        {
            query = query.Where(c => c.Status == ConversationStatus.Open && c.Priority == LeadPriority.Hot && c.WaitingSince <= breachBefore);
        }
        if (filter.Search?.Trim() is { Length: >= 2 } search)
        {
            query = Search(db, query, search);
        }
        return query;
    }

    /// <summary>
    /// A phone number or an e-mail address is looked up exactly; anything else matches part of the prospect's
    /// name or company, or whole words of any message in the conversation. Both run in owner functions
    /// (see the Inbox and ProspectSearchFunctions migrations) so their indexes work under row-level security.
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
        var pattern = "%" + search.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        var prospects = db.Database.SqlQuery<Guid>($"SELECT app_prospects_matching({pattern}) AS \"Value\"");
        var withText = db.Database.SqlQuery<Guid>($"SELECT app_conversations_with_text({search}) AS \"Value\"");
        return query.Where(c => prospects.Contains(c.ProspectId) || withText.Contains(c.Id));
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
