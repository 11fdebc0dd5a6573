using System.Globalization;
using System.Text;

namespace Outreach.Infrastructure.Messaging;

/// <summary>
/// Webhook signature for providers without a scheme of their own (the simulator, and any provider configured
/// with a shared secret): hex HMAC-SHA256 over "{timestamp}.{rawBody}" in <see cref="SignatureHeader"/>, the
/// timestamp in Unix seconds in <see cref="TimestampHeader"/>, accepted within <see cref="Tolerance"/> either way.
/// SignalHouse signs the same way with its own headers and milliseconds: see SignalHouse.SignalHouseSignature.
/// </summary>
public static class SharedSecretSignature
{
    public const string SignatureHeader = "X-Signature";
    public const string TimestampHeader = "X-Signature-Timestamp";

    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The signature of <paramref name="rawBody"/> at <paramref name="timestamp"/> (the header's text).</summary>
    public static string Compute(string secret, string timestamp, string rawBody) =>
        TimestampedHmac.Compute(secret, timestamp, Encoding.UTF8.GetBytes(rawBody));

    /// <summary>The two header values a sender attaches: the timestamp for <paramref name="now"/> and the signature.</summary>
    public static (string Timestamp, string Signature) Sign(string secret, string rawBody, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return (timestamp, Compute(secret, timestamp, rawBody));
    }

    /// <param name="timestamp">The <see cref="TimestampHeader"/> value, as received.</param>
    /// <param name="rawBody">The request body exactly as received, before any parsing.</param>
    /// <param name="signature">The <see cref="SignatureHeader"/> value, as received.</param>
    public static bool IsValid(string secret, string? timestamp, string rawBody, string? signature, DateTimeOffset now) =>
        IsValid(secret, timestamp, Encoding.UTF8.GetBytes(rawBody), signature, now);

    /// <summary>As <see cref="IsValid(string, string?, string, string?, DateTimeOffset)"/>, over the body's bytes.</summary>
    public static bool IsValid(string secret, string? timestamp, ReadOnlySpan<byte> rawBody, string? signature, DateTimeOffset now) =>
        TimestampedHmac.IsValid(secret, timestamp, rawBody, signature, now, Tolerance, unitsPerSecond: 1);
}
