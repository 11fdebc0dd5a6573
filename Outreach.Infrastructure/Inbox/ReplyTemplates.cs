using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Common;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Inbox;

/// <summary>The team's saved replies for the inbox composer.</summary>
public sealed class ReplyTemplates(IDbContextFactory<OutreachDbContext> contexts, TenantScope scope, TimeProvider clock)
{
    /// <summary>What a new team starts with; each shows the variables and fallbacks a template can use.</summary>
    public static readonly IReadOnlyList<(string Name, string Body)> Defaults =
    [
        ("Ask for the best e-mail", "Thanks {{firstName|there}}! What's the best e-mail to send the details to?"),
        ("Offer a call", "Hi {{firstName|there}}, this is {{senderName|our team}}. Do you have 10 minutes this week for a quick call about {{company|your business}}?"),
        ("Confirm e-mail sent", "Just sent it to {{email|your inbox}}, {{firstName|there}}. Let me know if it doesn't arrive."),
        ("Wrong number", "Sorry for the mix-up, we'll update our records. Have a good day!"),
    ];

    [ReadOnly]
    public async Task<IReadOnlyList<ReplyTemplate>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReplyTemplate>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
    }

    [Requires(Permission.ManageReplyTemplates)]
    public async Task<ReplyTemplate> SaveAsync(Guid? id, string name, string body, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageReplyTemplates);
        if (!MessageTemplate.IsWellFormed(body ?? string.Empty))
        {
            throw new DomainException("The template has an unclosed or empty {{variable}}.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        ReplyTemplate template;
        if (id is { } existing)
        {
            template = await db.Set<ReplyTemplate>().SingleOrDefaultAsync(t => t.Id == existing, cancellationToken)
                ?? throw new DomainException("This template no longer exists.");
            template.Change(name, body!, clock);
        }
        else
        {
            template = ReplyTemplate.Create(scope.RequireTeamId(), name, body!, clock);
            db.Add(template);
        }
        if (await db.Set<ReplyTemplate>().AnyAsync(t => t.Id != template.Id && t.Name == template.Name, cancellationToken))
        {
            throw new DomainException($"There is already a template named \"{template.Name}\".");
        }
        await db.SaveChangesAsync(cancellationToken);
        return template;
    }

    [Requires(Permission.ManageReplyTemplates)]
    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageReplyTemplates);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<ReplyTemplate>().Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken);
    }
}
