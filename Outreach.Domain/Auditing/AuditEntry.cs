namespace Outreach.Domain.Auditing;

/// <summary>
/// One line of the append-only audit log. <see cref="TeamId"/> is null only for installation-wide
/// events (a failed sign-in for an unknown e-mail address, an installation administrator's action).
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        Action = string.Empty;
        Summary = string.Empty;
        Details = "{}";
    }

    public long Id { get; private set; }
    public Guid? TeamId { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public string? ActorName { get; private set; }
    public string Action { get; private set; }
    public string Summary { get; private set; }

    /// <summary>Structured details as a JSON object.</summary>
    public string Details { get; private set; }

    public string? IpAddress { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }

    public static AuditEntry Record(
        Guid? teamId,
        AuditActor actor,
        string action,
        string summary,
        string detailsJson,
        DateTimeOffset occurredAt) => new()
        {
            TeamId = teamId,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            IpAddress = actor.IpAddress,
            Action = action,
            Summary = summary,
            Details = string.IsNullOrWhiteSpace(detailsJson) ? "{}" : detailsJson,
            OccurredAt = occurredAt,
        };
}
