using Outreach.Domain.Common;

namespace Outreach.Infrastructure.Webhooks;

/// <summary>
/// One row of the outbox: something happened to a team, written in the transaction of the change itself, so it
/// exists exactly when the change does. The dispatcher fans it out to the subscriptions that want its type. Its
/// id is the <c>webhook-id</c> of every request that carries it: retries, replays, and every receiver.
/// </summary>
public sealed class WebhookEvent : ITeamOwned
{
    private WebhookEvent()
    {
        Type = string.Empty;
        Data = "{}";
    }

    public Guid Id { get; private set; }

    /// <summary>Creation order, for subscriptions that are delivered in order.</summary>
    public long Seq { get; private set; }

    public Guid TeamId { get; private set; }
    public string Type { get; private set; }

    /// <summary>The payload's <c>data</c> object, as JSON.</summary>
    public string Data { get; private set; }

    /// <summary>What makes the event unique in its team (a message id), so a repeated change cannot announce itself twice.</summary>
    public string? DedupeKey { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }
    public bool FannedOut { get; private set; }

    public static WebhookEvent Create(Guid teamId, string type, string dataJson, DateTimeOffset occurredAt, string? dedupeKey = null) => new()
    {
        Id = Guid.CreateVersion7(occurredAt),
        TeamId = teamId,
        Type = type,
        Data = dataJson,
        DedupeKey = dedupeKey,
        OccurredAt = occurredAt,
    };
}
