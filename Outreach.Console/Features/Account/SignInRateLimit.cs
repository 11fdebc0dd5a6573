using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Outreach.Console.Security;

namespace Outreach.Console.Features.Account;

/// <summary>
/// Sign-in attempts per client address and minute. Lockout protects known accounts; this protects
/// against guessing across many accounts and against flooding the audit log with failures.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";
    public const string WebhookPolicy = "webhooks";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, http =>
            {
                // Showing the form is free; only posts count.
                if (!HttpMethods.IsPost(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }
                var perMinute = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            limiter.AddPolicy(WebhookPolicy, http =>
            {
                var perSecond = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.WebhookRequestsPerSecond;
                return RateLimitPartition.GetFixedWindowLimiter(
                    "webhook:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 });
            });
        });
}
