using System.Security.Cryptography;
using System.Text;

namespace Outreach.Domain.Webhooks;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.
/// During a secret's rotation both secrets sign and the header carries both signatures, space-separated, so a
/// receiver that still holds the old secret and one that has the new one both accept the request.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string id, long timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret => "v1," + Compute(id, timestamp, body, WebhookSecret.KeyOf(secret))));

    private static string Compute(string id, long timestamp, string body, byte[] key)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}");
        return Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
