using System.Globalization;
using System.Text;

namespace Outreach.Infrastructure.Messaging.SignalHouse;

/// <summary>
/// SignalHouse's webhook signature, as their webhook guide and official Medusa plugin describe it: hex
/// HMAC-SHA256, keyed with the endpoint's signing secret, over "{timestamp}.{rawBody}", sent as
/// X-SignalHouse-Signature with X-SignalHouse-Timestamp in Unix milliseconds (not seconds). Endpoints created
/// before SignalHouse shipped signing, and per-number inbound URLs, are never signed: point SignalHouse at a
/// signed group webhook endpoint.
/// </summary>
public static class SignalHouseSignature
{
    public const string SignatureHeader = "X-SignalHouse-Signature";
    public const string TimestampHeader = "X-SignalHouse-Timestamp";

    /// <summary>The same for every retry of one event: de-duplicate deliveries on it.</summary>
    public const string DeliveryIdHeader = "X-SignalHouse-Delivery-Id";

    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Compute(string secret, string timestamp, string rawBody) =>
        TimestampedHmac.Compute(secret, timestamp, Encoding.UTF8.GetBytes(rawBody));

    /// <summary>The header values SignalHouse would send at <paramref name="now"/>; for tests and the simulator.</summary>
    public static (string Timestamp, string Signature) Sign(string secret, string rawBody, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return (timestamp, Compute(secret, timestamp, rawBody));
    }

    public static bool IsValid(string secret, string? timestamp, string rawBody, string? signature, DateTimeOffset now) =>
        IsValid(secret, timestamp, Encoding.UTF8.GetBytes(rawBody), signature, now);

    public static bool IsValid(string secret, string? timestamp, ReadOnlySpan<byte> rawBody, string? signature, DateTimeOffset now) =>
        TimestampedHmac.IsValid(secret, timestamp, rawBody, signature, now, Tolerance, unitsPerSecond: 1000);
}
