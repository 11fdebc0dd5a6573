using System.Net;

namespace Outreach.Infrastructure.Messaging.Http;

/// <summary>Turns a provider's error response into a result, for the codes the provider itself does not classify.</summary>
internal static class ProviderFailures
{
    /// <param name="response">A final, unsuccessful response.</param>
    /// <param name="errorCode">The provider's code from the body, if any; the HTTP status otherwise.</param>
    /// <param name="knownKind">The provider's classification of <paramref name="errorCode"/>, when it has one.</param>
    /// <param name="sendIsIdempotent">Whether the provider de-duplicates a repeated send.</param>
    public static ProviderSendResult FromErrorResponse(
        ProviderResponse response, string? errorCode, string? errorMessage, ProviderFailureKind? knownKind,
        bool sendIsIdempotent, SmsRetryOptions retryOptions)
    {
        var status = response.Status!.Value;
        var code = errorCode ?? $"http_{response.StatusText}";
        var message = errorMessage ?? $"HTTP {response.StatusText} {status}";
        var kind = knownKind ?? KindOf(status, sendIsIdempotent);
        if (kind == ProviderFailureKind.Permanent)
        {
            return ProviderSendResult.Permanent(code, message);
        }

        var outcomeUnknown = !sendIsIdempotent && status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;
        return ProviderSendResult.Transient(code, message, response.RetryAfter ?? retryOptions.RescheduleAfter, outcomeUnknown);
    }

    private static ProviderFailureKind KindOf(HttpStatusCode status, bool sendIsIdempotent) => status switch
    {
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => ProviderFailureKind.Transient,
        // Our credentials or account, not the message: failing it would throw away the audience while the
        // operator fixes a setting. The guardrail sweep pauses campaigns whose provider keeps failing.
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.PaymentRequired => ProviderFailureKind.Transient,
        HttpStatusCode.Conflict when sendIsIdempotent => ProviderFailureKind.Transient,
        >= HttpStatusCode.InternalServerError => ProviderFailureKind.Transient,
        _ => ProviderFailureKind.Permanent,
    };
}
