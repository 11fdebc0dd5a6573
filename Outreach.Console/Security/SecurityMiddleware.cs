using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Outreach.Console.Security;

public static class SecurityMiddleware
{
    // Blazor Server needs no script-src exceptions (no eval, no inline script); MudBlazor sets inline styles (and its theme is a style element).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; " +
        "form-action 'self'; object-src 'none'";

    /// <summary>Believes forwarded headers from the configured proxies only; none by default.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value.KnownProxies;
        if (proxies.Count == 0)
        {
            return app;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        return app.UseForwardedHeaders(options);
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next();
        });

    /// <summary>
    /// WebSockets are not covered by CORS, so a page on another origin could open a circuit with the
    /// operator's cookie (cross-site WebSocket hijacking). Hub requests must come from our own origin.
    /// </summary>
    public static IApplicationBuilder UseSameOriginHubs(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if ((path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/hubs")) && !IsSameOrigin(context))
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityMiddleware))
                    .LogWarning("Rejected hub request {Path} from origin {Origin}", path.Value, context.Request.Headers.Origin.ToString());
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next();
        });

    /// <summary>
    /// One line per request with the status actually sent. An exception that escapes the endpoint leaves the
    /// response at its default 200 while it passes through here; the exception handler further out (or the
    /// server) then answers 500, so that is what is logged (499 when the client had gone), unless the response had
    /// already started.
    /// </summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Outreach.Console.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var failed = false;
            try
            {
                await next();
            }
            catch
            {
                failed = true;
                throw;
            }
            finally
            {
                var path = context.Request.Path;
                if (!path.StartsWithSegments("/_content") && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/css"))
                {
                    var status = failed && !context.Response.HasStarted
                        ? context.RequestAborted.IsCancellationRequested ? StatusCodes.Status499ClientClosedRequest : StatusCodes.Status500InternalServerError
                        : context.Response.StatusCode;
                    logger.LogInformation("HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms",
                            context.Request.Method, path.Value, status,
                            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        });
    }

    private static bool IsSameOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            // Non-browser clients send no Origin; the cookie or API key still has to authenticate them.
            return true;
        }
        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var allowed = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedOrigins;
        return allowed.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }
}
