using System.Net;

namespace Outreach.Infrastructure.Messaging.Http;

/// <summary>
/// How one call to a provider ended once the resilience pipeline gave up or succeeded: the final HTTP
/// response, or none at all (<see cref="NoResponse"/> explains).
/// </summary>
internal sealed record ProviderResponse(HttpStatusCode? Status, string Body, TimeSpan? RetryAfter, int Attempts)
{
    /// <summary>Set when no HTTP response arrived: a timeout or a network failure.</summary>
    public ProviderSendResult? NoResponse { get; init; }

    public bool IsSuccess => Status is { } status && (int)status is >= 200 and <= 299;

    public string StatusText => Status is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
}
