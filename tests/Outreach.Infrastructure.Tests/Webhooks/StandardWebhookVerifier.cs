using System.Security.Cryptography;
using System.Text;
using Outreach.Infrastructure.Tests.Messaging;

namespace Outreach.Infrastructure.Tests.Webhooks;

/// <summary>
/// What a receiver does with a Standard Webhooks request, written from the specification rather than from the
/// product's signer: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" keyed with the base64 part of the
/// secret, and the request is genuine when any of the space-separated "v1," signatures matches.
/// </summary>
public static class StandardWebhookVerifier
{
    public static bool Verifies(RecordedRequest request, string secret)
    {
        var id = request.Header("webhook-id");
        var timestamp = request.Header("webhook-timestamp");
        var signatures = request.Header("webhook-signature");
        if (id is null || timestamp is null || signatures is null)
        {
            return false;
        }
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{request.Body}"));
        return signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => Convert.FromBase64String(s[3..]))
            .Any(actual => CryptographicOperations.FixedTimeEquals(actual, expected));
    }

    public static int SignatureCount(RecordedRequest request) =>
        request.Header("webhook-signature")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
}
