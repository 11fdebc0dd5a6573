using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Messaging;

/// <summary>Reads of the message history, scoped to the caller's team.</summary>
public sealed class MessageQueries(IDbContextFactory<OutreachDbContext> contexts)
{
    /// <summary>A message as threads show it; EF translates it into the query's SELECT list.</summary>
    public static readonly Expression<Func<Message, MessageLine>> Line = m => new MessageLine(m.Id, m.Direction, m.Body, m.Status, m.From, m.To,
        m.Classification, m.Confidence, m.ErrorCode, m.ErrorMessage, m.SentByName, m.Source, m.NextAttemptAt, m.CreatedAt);

    /// <summary>The newest messages with a prospect across all their conversations, oldest first for reading.</summary>
    [ReadOnly]
    public async Task<IReadOnlyList<MessageLine>> ForProspectAsync(Guid prospectId, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lines = await (
                from m in db.Set<Message>().AsNoTracking()
                join c in db.Set<Conversation>().AsNoTracking() on m.ConversationId equals c.Id
                where c.ProspectId == prospectId
                orderby m.CreatedAt descending
                select m)
            .Select(Line)
            .Take(take)
            .ToListAsync(cancellationToken);
        lines.Reverse();
        return lines;
    }
}

public sealed record MessageLine(
    Guid Id, MessageDirection Direction, string Body, MessageStatus Status, string From, string To, ReplyKind? Classification,
    int? Confidence, string? ErrorCode, string? ErrorMessage, string? SentByName, MessageSource? Source, DateTimeOffset? ScheduledFor,
    DateTimeOffset CreatedAt);
