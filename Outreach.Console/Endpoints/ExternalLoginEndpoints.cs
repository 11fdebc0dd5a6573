using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Outreach.Console.Features.Account;

namespace Outreach.Console.Endpoints;

public static class ExternalLoginEndpoints
{
    /// <summary>
    /// The round trip to an identity provider. The start is a plain link (a form post would be stopped by the
    /// console's <c>form-action 'self'</c> policy on its way to the provider); the provider's answer arrives at
    /// the handler's callback path, which ends here with the external cookie set.
    /// </summary>
    public static IEndpointRouteBuilder MapExternalLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var external = endpoints.MapGroup("/account/external").AllowAnonymous();

        external.MapGet("/{scheme}", (string scheme, string? returnUrl, string? invitation, ExternalProviders providers) =>
        {
            if (providers.Find(scheme) is not { } provider)
            {
                return Results.NotFound();
            }
            var callback = $"/account/external/callback?returnUrl={Uri.EscapeDataString(AccountEndpoints.SafeReturnUrl(returnUrl))}";
            var properties = new AuthenticationProperties { RedirectUri = callback };
            properties.Items[ExternalSignIn.ProviderItem] = provider.Scheme;
            if (!string.IsNullOrWhiteSpace(invitation))
            {
                // Travels inside the encrypted state, not in a URL the provider sees.
                properties.Items[ExternalSignIn.InvitationItem] = invitation;
            }
            return Results.Challenge(properties, [provider.Scheme]);
        });

        external.MapGet("/callback", async (HttpContext http, string? returnUrl, ExternalSignIn signIn, CancellationToken ct) =>
        {
            var result = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            var outcome = await signIn.SignInAsync(result, http.Connection.RemoteIpAddress?.ToString(), ct);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            return outcome == ExternalSignInOutcome.Succeeded
                ? Results.LocalRedirect(AccountEndpoints.SafeReturnUrl(returnUrl))
                : Results.LocalRedirect($"/account/external/refused?reason={RefusalReason(outcome)}");
        });
        return endpoints;
    }

    private static string RefusalReason(ExternalSignInOutcome outcome) => outcome switch
    {
        ExternalSignInOutcome.NotInvited => "not-invited",
        ExternalSignInOutcome.InvitationNotUsable => "invitation",
        ExternalSignInOutcome.NoActiveTeam => "no-team",
        _ => "failed",
    };
}
