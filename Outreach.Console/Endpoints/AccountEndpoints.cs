using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Outreach.Console.Features.Account;

namespace Outreach.Console.Endpoints;

public static class AccountEndpoints
{
    /// <summary>Form posts from the shell (antiforgery-checked): sign out and switch team.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account").RequireAuthorization();

        account.MapPost("/logout", async (HttpContext http, ISignInService signIn, CancellationToken ct) =>
        {
            // It binds no form field, so nothing else would reject a missing or forged token.
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            {
                return Results.BadRequest();
            }
            await signIn.SignOutAsync(ct);
            return Results.LocalRedirect("/account/login");
        })
        .WithMetadata(new RequireAntiforgeryTokenAttribute());

        account.MapPost("/switch-team", async (
            [FromForm] Guid teamId,
            [FromForm] string? returnUrl,
            ISignInService signIn,
            CancellationToken ct) =>
        {
            var switched = await signIn.SwitchTeamAsync(teamId, ct);
            // A team the user does not belong to looks like any other missing thing.
            return switched
                ? Results.LocalRedirect(SafeReturnUrl(returnUrl))
                : Results.NotFound();
        });
        return endpoints;
    }

    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";
}
