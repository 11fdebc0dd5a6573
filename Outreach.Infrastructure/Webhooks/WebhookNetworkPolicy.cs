using System.Net;
using System.Net.Sockets;

namespace Outreach.Infrastructure.Webhooks;

/// <summary>
/// Server-side request forgery: which addresses a receiver may have. Checked on the address actually connected
/// to (after DNS, in the handler's connect callback), since a public name can resolve to 127.0.0.1 or to a cloud
/// metadata address, and can change between the check and the connection.
/// </summary>
public static class WebhookNetworkPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224 // this network, private, loopback, multicast and reserved
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
                || (b[0] == 192 && b[1] == 0 && b[2] == 2) || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113) // documentation
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))); // benchmarking
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // unique local
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // documentation
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)); // NAT64, which can reach private IPv4
        }
        return false;
    }

    /// <summary>True when a URL's host is an address literal that <see cref="IsPublic"/> refuses (the save-time check; names are checked when connecting).</summary>
    public static bool IsPrivateLiteral(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !IsPublic(address)
        || (Uri.TryCreate(url, UriKind.Absolute, out var named) && named.IsLoopback);
}

/// <summary>A receiver's address is not allowed; the delivery log shows the message.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);
