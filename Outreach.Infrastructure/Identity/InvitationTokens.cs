using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Outreach.Infrastructure.Identity;

/// <summary>
/// Invitation links carry 256 random bits; the database keeps only their SHA-256. A slow hash is not needed:
/// the token is not a password a person chose, so it cannot be guessed from a dictionary.
/// </summary>
public static class InvitationTokens
{
    public static (string Token, string Hash) New()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));
}
