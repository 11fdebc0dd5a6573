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

    public const int MaxActionLength = 64;
    public const int MaxSummaryLength = 500;
    public const int MaxActorNameLength = 256;
    public const int MaxIpAddressLength = 64;

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
            // Bounded here, not by the database: an over-long value typed at sign-in must not turn into an error.
            ActorName = Truncate(actor.Name, MaxActorNameLength),
            IpAddress = Truncate(actor.IpAddress, MaxIpAddressLength),
            Action = Truncate(action, MaxActionLength)!,
            Summary = Truncate(summary, MaxSummaryLength)!,
            Details = string.IsNullOrWhiteSpace(detailsJson) ? "{}" : detailsJson,
            OccurredAt = occurredAt,
        };

    private static string? Truncate(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..(length - 1)] + "…";
}
