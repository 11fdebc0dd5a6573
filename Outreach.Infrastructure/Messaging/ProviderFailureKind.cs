namespace Outreach.Infrastructure.Messaging;

/// <summary>Whether a failed send may succeed later.</summary>
public enum ProviderFailureKind
{
    /// <summary>The provider accepted the message.</summary>
    None,

    /// <summary>Worth trying again later: rate limits, outages, timeouts, our own credentials.</summary>
    Transient,

    /// <summary>This message will never be accepted as it is: invalid or unsubscribed recipient, landline, filtered content.</summary>
    Permanent,
}
