using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Outreach.Infrastructure.Messaging;

/// <summary>
/// Hex HMAC-SHA256 over "{timestamp}.{rawBody}", the construction SignalHouse signs with and we use for every
/// other provider. Putting the timestamp inside the signed text is what makes a captured request useless once
/// the tolerance has passed.
/// </summary>
internal static class TimestampedHmac
{
    private const long MaxUnixMilliseconds = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(signed, 0);
        rawBody.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <param name="unitsPerSecond">1 for a timestamp in Unix seconds, 1000 for milliseconds.</param>
    public static bool IsValid(
        string secret, string? timestamp, ReadOnlySpan<byte> rawBody, string? signature,
        DateTimeOffset now, TimeSpan tolerance, long unitsPerSecond)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value > MaxUnixMilliseconds / (1000 / unitsPerSecond))
        {
            return false;
        }

        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(value * (1000 / unitsPerSecond));
        if ((now - signedAt).Duration() > tolerance)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signature.Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        // The timestamp goes into the MAC exactly as it arrived: re-formatting the parsed number ("007" -> "7")
        // would check a different string from the one the sender signed.
        var expected = Convert.FromHexString(Compute(secret, timestamp, rawBody));
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}
