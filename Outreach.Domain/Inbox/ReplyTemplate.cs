using Outreach.Domain.Common;
using Outreach.Domain.Messaging;

namespace Outreach.Domain.Inbox;

/// <summary>
/// A saved reply the composer offers, with variables and fallbacks (<c>Hi {{firstName|there}}</c>) rendered
/// for the conversation's prospect by <see cref="MessageTemplate.Render"/> before the operator edits it.
/// </summary>
public sealed class ReplyTemplate : ITeamOwned
{
    public const int MaxNameLength = 80;

    private ReplyTemplate()
    {
        Name = string.Empty;
        Body = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public string Name { get; private set; }
    public string Body { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static ReplyTemplate Create(Guid teamId, string name, string body, TimeProvider clock)
    {
        var template = new ReplyTemplate { Id = Guid.CreateVersion7(), TeamId = teamId };
        template.Change(name, body, clock);
        return template;
    }

    public void Change(string name, string body, TimeProvider clock)
    {
        var trimmedName = name?.Trim() ?? string.Empty;
        var trimmedBody = body?.Trim() ?? string.Empty;
        if (trimmedName.Length is 0 or > MaxNameLength)
        {
            throw new DomainException($"A template needs a name of 1 to {MaxNameLength} characters.");
        }
        if (trimmedBody.Length is 0 or > Message.MaxBodyLength)
        {
            throw new DomainException($"A template needs a body of 1 to {Message.MaxBodyLength} characters.");
        }
        Name = trimmedName;
        Body = trimmedBody;
        UpdatedAt = clock.GetUtcNow();
    }
}
