using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Outreach.Console.Features.Account;

namespace Outreach.Console.Endpoints;

public static class SessionEndpoints
{
    public const string SessionEndedPath = "/account/session-ended";

    /// <summary>
    /// Where a circuit whose session ended sends the browser. The cookie may not have reached its own stamp check
    /// yet (it runs once a minute), so the sign-in page would still see a signed-in user and send it straight back;
    /// this checks the session now and clears the cookie when it no longer stands. A session that still stands (the
    /// circuit ended over a changed role) goes back to where it was, so a forged link signs nobody out.
    /// </summary>
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SessionEndedPath, async (HttpContext http, SessionValidator sessions, string? returnUrl, CancellationToken ct) =>
        {
            var target = AccountEndpoints.SafeReturnUrl(returnUrl);
            if (http.User.Identity?.IsAuthenticated == true)
            {
                if (await sessions.IsCurrentAsync(http.User, sameRole: false, ct))
                {
                    return Results.LocalRedirect(target);
                }
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
            return Results.LocalRedirect($"/account/login?ReturnUrl={Uri.EscapeDataString(target)}");
        })
        .AllowAnonymous();
        return endpoints;
    }
}
