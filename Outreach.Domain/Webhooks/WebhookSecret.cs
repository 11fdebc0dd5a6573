using System.Security.Cryptography;
using Outreach.Domain.Common;

namespace Outreach.Domain.Webhooks;

/// <summary>A subscription's signing secret in the Standard Webhooks form: <c>whsec_</c> and 32 random bytes in base64.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The HMAC key: the bytes after the prefix.</summary>
    public static byte[] KeyOf(string secret)
    {
        var encoded = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new DomainException("A webhook secret must be whsec_ followed by base64.");
        }
    }
}
