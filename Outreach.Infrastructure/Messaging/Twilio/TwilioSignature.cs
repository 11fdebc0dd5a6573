using System.Security.Cryptography;
using System.Text;

namespace Outreach.Infrastructure.Messaging.Twilio;

/// <summary>
/// Twilio's webhook signature (the X-Twilio-Signature header): base64 HMAC-SHA1, keyed with the account's auth
/// token, over the full URL Twilio requested followed by every POST parameter, sorted by name, each name
/// immediately followed by its value; for a JSON body, over the URL alone (see <see cref="IsValidJson"/>).
/// </summary>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    /// <param name="url">The URL exactly as Twilio requested it, query string included.</param>
    /// <param name="formParameters">The POST form fields; empty for GET callbacks (their parameters are in the URL).</param>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> formParameters)
    {
        var data = new StringBuilder(url);
        // Repeated names are sorted by value and each appended; a repeated identical pair counts once, as in
        // Twilio's own helper libraries (twilio-python and twilio-node sort a set of the values).
        foreach (var (name, value) in formParameters
                     .Select(p => (Name: p.Key, Value: p.Value ?? string.Empty))
                     .Distinct()
                     .OrderBy(p => p.Name, StringComparer.Ordinal)
                     .ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// True when <paramref name="headerValue"/> signs this request. Twilio is inconsistent about whether the
    /// signed URL carries the port, so, like Twilio's helper libraries, this accepts the signature of the URL
    /// without any port and of the URL with the scheme's standard port (443 or 80) added when none is given.
    /// </summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? headerValue)
    {
        if (string.IsNullOrEmpty(headerValue) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        var parameters = form.ToList();
        var expected = Encoding.ASCII.GetBytes(headerValue);
        var withoutPort = Matches(Compute(authToken, UrlPorts.WithoutPort(url), parameters), expected);
        var withPort = Matches(Compute(authToken, UrlPorts.WithStandardPort(url), parameters), expected);
        return withoutPort | withPort;
    }

    /// <summary>
    /// For a JSON body, Twilio signs the URL alone, with the body's SHA-256 (lowercase hex) in its
    /// <c>bodySHA256</c> query parameter: the signature covers the hash, and the hash has to match the body.
    /// </summary>
    public static bool IsValidJson(string authToken, string url, ReadOnlySpan<byte> body, string? bodySha256, string? headerValue) =>
        !string.IsNullOrEmpty(bodySha256)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(BodyHash(body)), Encoding.ASCII.GetBytes(bodySha256.ToLowerInvariant()))
        && IsValid(authToken, url, [], headerValue);

    /// <summary>The <c>bodySHA256</c> value of a body: its SHA-256, lowercase hex.</summary>
    public static string BodyHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    private static bool Matches(string computed, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), expected);

    /// <summary>Edits the port in the URL's text, leaving everything else (case, escaping, query order) as signed.</summary>
    internal static class UrlPorts
    {
        public static string WithoutPort(string url)
        {
            var (hostEnd, portStart, portEnd) = LocatePort(url);
            return portStart < 0 ? url : string.Concat(url.AsSpan(0, hostEnd), url.AsSpan(portEnd));
        }

        public static string WithStandardPort(string url)
        {
            var (hostEnd, portStart, _) = LocatePort(url);
            if (portStart >= 0 || hostEnd < 0)
            {
                return url;
            }
            var port = url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? ":443"
                : url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) ? ":80"
                : null;
            return port is null ? url : url.Insert(hostEnd, port);
        }

        /// <returns>
        /// Where the host ends, and where the ":port" starts (-1 when there is none) and ends;
        /// hostEnd is -1 when the URL has no authority.
        /// </returns>
        private static (int HostEnd, int PortStart, int PortEnd) LocatePort(string url)
        {
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd < 0)
            {
                return (-1, -1, -1);
            }
            var authorityStart = schemeEnd + 3;
            var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
            if (authorityEnd < 0)
            {
                authorityEnd = url.Length;
            }

            var authority = url.AsSpan(authorityStart, authorityEnd - authorityStart);
            var hostStart = authority.LastIndexOf('@') + 1;
            var host = authority[hostStart..];
            // An IPv6 literal ([::1]) has colons of its own; a port can only follow its closing bracket.
            var searchFrom = host.StartsWith("[") ? host.IndexOf(']') : 0;
            var colon = searchFrom < 0 ? -1 : host[searchFrom..].LastIndexOf(':');
            if (colon < 0)
            {
                return (authorityEnd, -1, -1);
            }
            var portStart = authorityStart + hostStart + searchFrom + colon;
            return (portStart, portStart, authorityEnd);
        }
    }
}
