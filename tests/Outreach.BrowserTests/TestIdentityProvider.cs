using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outreach.BrowserTests;

/// <summary>Who the provider signs in next, as its own directory knows them.</summary>
public sealed record IdentityPerson(string Subject, string Email, string Name);

/// <summary>What the provider does wrong on the next sign-in.</summary>
public enum IdentityFault
{
    None,
    WrongIssuer,
    BadSignature,
}

/// <summary>
/// An OpenID Connect issuer on 127.0.0.1: discovery, JWKS, authorize (answering at once for <see cref="NextPerson"/>,
/// by query or form post) and a token endpoint that checks the client secret and PKCE, with RS256-signed id_tokens.
/// Shaped like Entra ID when given a tenant: issuer <c>{base}/{tid}/v2.0</c>, and <c>tid</c> and <c>oid</c> claims
/// (the person's subject stands in for the object id; Entra's <c>sub</c> is per application, so it differs).
/// </summary>
public sealed class TestIdentityProvider(string clientId, string clientSecret, string? entraTenant = null) : IAsyncDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _impostor = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _grants = new();
    private WebApplication? _app;

    public IdentityPerson? NextPerson { get; set; }
    public IdentityFault NextFault { get; set; }
    public string BaseUrl { get; private set; } = "";
    public string ClientId => clientId;
    public string ClientSecret => clientSecret;

    /// <summary>The authority a relying party is configured with.</summary>
    public string Authority => BaseUrl + PathPrefix;

    public string Issuer => Authority;
    private string PathPrefix => entraTenant is null ? "" : $"/{entraTenant}/v2.0";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet(PathPrefix + "/.well-known/openid-configuration", () => Results.Json(new
        {
            issuer = Issuer,
            authorization_endpoint = Authority + "/authorize",
            token_endpoint = Authority + "/token",
            jwks_uri = Authority + "/keys",
            response_types_supported = new[] { "code", "id_token", "code id_token" },
            response_modes_supported = new[] { "query", "form_post" },
            subject_types_supported = new[] { "public" },
            id_token_signing_alg_values_supported = new[] { "RS256" },
            scopes_supported = new[] { "openid", "profile", "email" },
            token_endpoint_auth_methods_supported = new[] { "client_secret_post", "client_secret_basic" },
            code_challenge_methods_supported = new[] { "S256" },
        }));
        _app.MapGet(PathPrefix + "/keys", () =>
        {
            var parameters = _key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!) } },
            });
        });
        _app.MapGet(PathPrefix + "/authorize", (Delegate)Authorize);
        _app.MapPost(PathPrefix + "/token", (Delegate)TokenAsync);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private IResult Authorize(HttpContext http)
    {
        var query = http.Request.Query;
        if (query["client_id"] != clientId || NextPerson is not { } person)
        {
            return Results.BadRequest("unknown client or nobody to sign in");
        }
        var code = Base64Url(RandomNumberGenerator.GetBytes(24));
        _grants[code] = new Grant(person, NextFault, query["nonce"].ToString(), query["code_challenge"].ToString(), query["redirect_uri"].ToString());
        var answer = new Dictionary<string, string?> { ["state"] = query["state"].ToString() };
        var responseType = query["response_type"].ToString().Split(' ');
        if (responseType.Contains("code"))
        {
            answer["code"] = code;
        }
        if (responseType.Contains("id_token"))
        {
            answer["id_token"] = IdToken(_grants[code], responseType.Contains("code") ? code : null, accessToken: null);
        }
        var redirectUri = query["redirect_uri"].ToString();
        if (query["response_mode"] == "form_post")
        {
            var fields = string.Concat(answer.Select(a => $"<input type=\"hidden\" name=\"{a.Key}\" value=\"{WebUtility.HtmlEncode(a.Value)}\">"));
            return Results.Content(
                $"<!doctype html><html><body><form method=\"post\" action=\"{WebUtility.HtmlEncode(redirectUri)}\">{fields}</form><script>document.forms[0].submit()</script></body></html>",
                "text/html");
        }
        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, answer));
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var (id, secret) = ClientCredentials(http, form);
        if (id != clientId || secret != clientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }
        if (!_grants.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"])
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }
        if (grant.CodeChallenge.Length > 0 &&
            Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "PKCE" }, statusCode: 400);
        }
        var accessToken = Base64Url(RandomNumberGenerator.GetBytes(24));
        return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 3600, id_token = IdToken(grant, code: null, accessToken) });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpContext http, IFormCollection form)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        return (form["client_id"], form["client_secret"]);
    }

    private string IdToken(Grant grant, string? code, string? accessToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = grant.Fault == IdentityFault.WrongIssuer ? BaseUrl + "/someone-else/v2.0" : Issuer,
            ["aud"] = clientId,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 600,
            ["nonce"] = grant.Nonce,
            ["name"] = grant.Person.Name,
            ["email"] = grant.Person.Email,
        };
        if (entraTenant is null)
        {
            claims["sub"] = grant.Person.Subject;
            claims["email_verified"] = true;
        }
        else
        {
            claims["sub"] = "pairwise-" + grant.Person.Subject;
            claims["tid"] = entraTenant;
            claims["oid"] = grant.Person.Subject;
            claims["preferred_username"] = grant.Person.Email;
            claims["ver"] = "2.0";
        }
        if (code is not null)
        {
            claims["c_hash"] = HalfHash(code);
        }
        if (accessToken is not null)
        {
            claims["at_hash"] = HalfHash(accessToken);
        }
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = KeyId }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signer = grant.Fault == IdentityFault.BadSignature ? _impostor : _key;
        var signature = signer.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string HalfHash(string value) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(value))[..16]);

    private static string Base64Url(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);

    private const string KeyId = "test-key";

    private sealed record Grant(IdentityPerson Person, IdentityFault Fault, string Nonce, string CodeChallenge, string RedirectUri);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _key.Dispose();
        _impostor.Dispose();
    }
}
