using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Outreach.Console.Endpoints;

namespace Outreach.Console.Features.Account;

/// <summary>
/// A session whose password someone else chose reaches nothing that needs a signed-in user (pages, deep links,
/// endpoints, the Blazor hub, so no circuit either) except changing the password and signing out. Pages are
/// redirected to the change form, which comes back to them; anything else (downloads, posts, the hub) is refused.
/// </summary>
/// <remarks>
/// The claim is written into the cookie at sign-in from <c>users.must_change_password</c> and dropped when the change
/// re-issues the cookie; the security-stamp check rebuilds it from the database too.
/// </remarks>
public static class MustChangePasswordGate
{
    public const string ChangePasswordPath = "/account/change-password";

    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.User.HasClaim(OutreachClaimTypes.MustChangePassword, "true") || IsReachable(context))
            {
                await next();
                return;
            }
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                var returnUrl = AccountEndpoints.SafeReturnUrl(request.Path + request.QueryString);
                context.Response.Redirect($"{request.PathBase}{ChangePasswordPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
                return;
            }
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        });

    private static bool IsReachable(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(ChangePasswordPath) || path.StartsWithSegments("/account/logout") || path.StartsWithSegments("/account/session-ended"))
        {
            return true;
        }
        if (IsHub(path))
        {
            return false;
        }
        // Only what needs a signed-in user is held back; static assets, health probes, webhooks and the account
        // pages open to everyone stay as they are.
        var endpoint = context.GetEndpoint();
        return endpoint is null ||
               endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ||
               endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;
    }

    // The Blazor circuit's hub carries no authorization of its own: the pages do. Held back, no circuit starts.
    private static bool IsHub(PathString path) => path.StartsWithSegments("/_blazor");
}
