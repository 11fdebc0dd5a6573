using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Outreach.Infrastructure.Messaging.Http;

/// <summary>
/// The retry pipeline every provider shares. What may be retried depends on whether the request is idempotent:
/// a GET or a send carrying an idempotency key the provider honours can be repeated after any transient failure,
/// but a plain POST that may already have reached the provider (a timeout, a dropped connection, a 500) cannot,
/// or the prospect gets the text twice. 429 and 503 say the provider did not act on the request, so they are
/// always retried, as is a connection that never opened.
/// </summary>
internal static class ProviderResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(
        string providerName, SmsRetryOptions options, bool idempotent, TimeProvider timeProvider, ILogger logger)
    {
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 0),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options, idempotent, timeProvider)),
                // The provider's own Retry-After beats our backoff; ShouldRetry already refused the long ones.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? GetRetryAfter(response, timeProvider) : null),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception,
                        "{Provider} attempt {Attempt} failed ({Outcome}); retrying in {Delay}",
                        providerName, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>Retry-After as delta seconds or an HTTP date; never negative.</summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => Max(date - timeProvider.GetUtcNow(), TimeSpan.Zero),
            _ => null,
        };
    }

    /// <summary>
    /// True when the connection failed before the request was written, so the provider never saw it
    /// (refused, DNS, TLS handshake); false when it broke afterwards and the request may have been acted on.
    /// </summary>
    public static bool FailedBeforeSending(HttpRequestException exception) => exception.HttpRequestError is
        HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
        or HttpRequestError.ProxyTunnelError;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, SmsRetryOptions options, bool idempotent, TimeProvider timeProvider)
    {
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException http => idempotent || FailedBeforeSending(http),
                TimeoutRejectedException => idempotent,
                _ => false,
            };
        }

        var response = outcome.Result!;
        if (GetRetryAfter(response, timeProvider) > options.MaxRetryAfter)
        {
            return false;
        }
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout => true,
            // 409: an idempotent request with the same key is still being processed (SignalHouse answers so).
            HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.Conflict => idempotent,
            _ => false,
        };
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : outcome.Exception?.GetType().Name ?? "unknown";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
