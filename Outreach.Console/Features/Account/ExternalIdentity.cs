using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Outreach.Console.Features.Account;

/// <summary>
/// Sign-in through Microsoft Entra ID (Microsoft.Identity.Web) and one generic OpenID Connect provider (Google
/// Workspace, Okta, Keycloak), each registered only when its settings are present. Both end in Identity's external
/// cookie; <see cref="ExternalSignIn"/> then decides whether the person may in, so a provider alone grants nothing.
/// </summary>
public static class ExternalIdentity
{
    public const string EntraScheme = "entra";
    public const string OidcScheme = "oidc";
    public const string EntraSection = "Outreach:Identity:Entra";
    public const string ConventionalEntraSection = "AzureAd";
    public const string OidcSection = "Outreach:Identity:Oidc";
    public const string FailedPath = "/account/external/refused?reason=failed";

    public static AuthenticationBuilder AddExternalIdentity(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var providers = new List<ExternalProvider>();
        var entra = new[] { EntraSection, ConventionalEntraSection }
            .Select(configuration.GetSection)
            .FirstOrDefault(s => !string.IsNullOrWhiteSpace(s["ClientId"]));
        if (entra is not null)
        {
            // A first sign-in trusts the directory's word for the address once (to link an invitation), so only the
            // organisation's own directory may speak: with a multi-tenant authority any directory could claim an address.
            if (Require(entra, "TenantId").Trim().ToLowerInvariant() is "common" or "organizations" or "consumers")
            {
                throw new InvalidOperationException($"{entra.Path}:TenantId must be your directory's tenant id, not a multi-tenant authority.");
            }
            if (string.IsNullOrWhiteSpace(entra["ClientSecret"]) && !entra.GetSection("ClientCredentials").Exists() && !entra.GetSection("ClientCertificates").Exists())
            {
                throw new InvalidOperationException($"{entra.Path}:ClientSecret (or ClientCredentials / ClientCertificates) is required for Entra ID sign-in.");
            }
            // No cookie of its own: the result goes to Identity's external cookie, like the generic provider's.
            authentication.AddMicrosoftIdentityWebApp(entra, EntraScheme, cookieScheme: null, displayName: entra["DisplayName"] ?? "Microsoft");
            // Configure, not PostConfigure: it must run before the handler's own post-configuration checks the metadata address.
            authentication.Services.Configure<OpenIdConnectOptions>(EntraScheme, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.RequireHttpsMetadata = entra.GetValue("RequireHttpsMetadata", true);
                if (!o.RequireHttpsMetadata)
                {
                    // Microsoft.Identity.Web's issuer validator reads the metadata again with a retriever that
                    // insists on HTTPS. A plain-HTTP issuer (one on this machine) is checked the standard way instead:
                    // against exactly the tenant-scoped issuer this tenant's tokens carry.
                    o.TokenValidationParameters.IssuerValidator = null;
                    o.TokenValidationParameters.ValidIssuer =
                        $"{(entra["Instance"] ?? "https://login.microsoftonline.com/").TrimEnd('/')}/{entra["TenantId"]}/v2.0";
                }
                o.Events.OnRemoteFailure = RefuseQuietly;
            });
            providers.Add(new ExternalProvider(EntraScheme, entra["DisplayName"] ?? "Microsoft", ExternalSubject.TenantAndObjectId));
        }

        var oidc = configuration.GetSection(OidcSection);
        if (!string.IsNullOrWhiteSpace(oidc["Authority"]) || !string.IsNullOrWhiteSpace(oidc["ClientId"]))
        {
            var displayName = oidc["DisplayName"] ?? "your company account";
            // Read now, not inside the options callback, so a missing value stops the start instead of the first sign-in.
            var authority = Require(oidc, "Authority");
            var clientId = Require(oidc, "ClientId");
            authentication.AddOpenIdConnect(OidcScheme, displayName, o =>
            {
                o.Authority = authority;
                o.ClientId = clientId;
                o.ClientSecret = oidc["ClientSecret"];
                o.RequireHttpsMetadata = oidc.GetValue("RequireHttpsMetadata", true);
                o.CallbackPath = oidc["CallbackPath"] ?? "/signin-oidc-provider";
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email" })
                {
                    o.Scope.Add(scope);
                }
                // The claims keep the names the provider gave them (sub, email, email_verified).
                o.MapInboundClaims = false;
                o.Events.OnRemoteFailure = RefuseQuietly;
            });
            providers.Add(new ExternalProvider(OidcScheme, displayName, ExternalSubject.Subject));
        }

        authentication.Services.AddSingleton(new ExternalProviders(providers));
        authentication.Services.AddScoped<ExternalSignIn>();
        return authentication;
    }

    // A token with the wrong issuer or signature, a cancelled consent, a replayed state: the person gets the same
    // refusal page; the reason goes to the log for whoever runs the installation.
    private static Task RefuseQuietly(RemoteFailureContext context)
    {
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalIdentity))
            .LogWarning(context.Failure, "External sign-in through {Scheme} failed", context.Scheme.Name);
        context.Response.Redirect(FailedPath);
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private static string Require(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{section.Path}:{key} is required when {section.Path} is configured.");
}
