using Outreach.Domain.Common;

namespace Outreach.Domain.Webhooks;

/// <summary>
/// A team's receiver: a URL, the event types it wants, how requests are shaped, and the signing secret. Rotating
/// the secret keeps the previous one signing for an overlap period, so the receiver can switch without a gap.
/// A subscription that keeps failing is disabled with a reason; enabling it again clears its failure streak.
/// </summary>
public sealed class WebhookSubscription : ITeamOwned
{
    public const int MaxNameLength = 120;
    public const int MaxUrlLength = 2_000;
    public const int MaxReasonLength = 500;

    private WebhookSubscription()
    {
        Name = string.Empty;
        Url = string.Empty;
        Secret = string.Empty;
        EventTypes = [];
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public string Name { get; private set; }
    public string Url { get; private set; }
    public WebhookFormat Format { get; private set; }
    public string[] EventTypes { get; private set; }

    /// <summary>Deliver one event at a time, oldest first: a failing event holds back the ones after it.</summary>
    public bool Ordered { get; private set; }

    public bool IsEnabled { get; private set; }
    public string? DisabledReason { get; private set; }
    public string Secret { get; private set; }
    public string? PreviousSecret { get; private set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    /// <summary>Since when every delivery has failed; null while the receiver answers.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static WebhookSubscription Create(Guid teamId, string name, string url, WebhookFormat format, IEnumerable<string> eventTypes, bool ordered, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now),
            TeamId = teamId,
            IsEnabled = true,
            Secret = WebhookSecret.Generate(),
            CreatedAt = now,
        };
        subscription.Edit(name, url, format, eventTypes, ordered, clock);
        return subscription;
    }

    public void Edit(string name, string url, WebhookFormat format, IEnumerable<string> eventTypes, bool ordered, TimeProvider clock)
    {
        var trimmedName = name?.Trim() ?? "";
        if (trimmedName.Length == 0 || trimmedName.Length > MaxNameLength)
        {
            throw new DomainException($"Give the webhook a name of at most {MaxNameLength} characters.");
        }
        var types = eventTypes.Distinct(StringComparer.Ordinal).ToArray();
        if (types.Length == 0)
        {
            throw new DomainException("Choose at least one event to send.");
        }
        var unknown = types.FirstOrDefault(t => !WebhookEventTypes.All.Contains(t));
        if (unknown is not null)
        {
            throw new DomainException($"\"{unknown}\" is not an event a webhook can send.");
        }
        Name = trimmedName;
        Url = ValidateUrl(url);
        Format = format;
        EventTypes = WebhookEventTypes.All.Where(types.Contains).ToArray();
        Ordered = ordered;
        UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>A new secret signs from now on; the old one keeps signing beside it until <paramref name="overlap"/> has passed.</summary>
    public string RotateSecret(TimeSpan overlap, TimeProvider clock)
    {
        if (overlap < TimeSpan.Zero || overlap > TimeSpan.FromDays(7))
        {
            throw new DomainException("The overlap of a secret rotation must be between none and 7 days.");
        }
        var now = clock.GetUtcNow();
        PreviousSecret = overlap > TimeSpan.Zero ? Secret : null;
        PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? now + overlap : null;
        Secret = WebhookSecret.Generate();
        UpdatedAt = now;
        return Secret;
    }

    /// <summary>The secrets that sign a request sent at <paramref name="at"/>: the current one, and the previous one during its overlap.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset at) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > at ? [Secret, PreviousSecret] : [Secret];

    public void Disable(string reason, TimeProvider clock)
    {
        IsEnabled = false;
        DisabledReason = reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
        UpdatedAt = clock.GetUtcNow();
    }

    public void Enable(TimeProvider clock)
    {
        IsEnabled = true;
        DisabledReason = null;
        FailingSince = null;
        UpdatedAt = clock.GetUtcNow();
    }

    public bool Wants(string eventType) => EventTypes.Contains(eventType);

    /// <summary>
    /// Only absolute http(s) URLs without credentials. Where the host points is checked when connecting, not here:
    /// a name can resolve somewhere else tomorrow.
    /// </summary>
    public static string ValidateUrl(string? url)
    {
        var trimmed = url?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxUrlLength ||
            !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new DomainException("The webhook URL must be a full http:// or https:// address.");
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new DomainException("Put credentials for the receiver in its URL's path or query, not before the host.");
        }
        return trimmed;
    }
}
