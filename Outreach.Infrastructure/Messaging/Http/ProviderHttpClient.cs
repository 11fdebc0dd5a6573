using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Outreach.Infrastructure.Messaging.Http;

/// <summary>
/// Sends a provider's HTTP requests through the shared retry pipeline and turns what came back into a
/// <see cref="ProviderResponse"/>: provider code never sees an exception other than cancellation.
/// </summary>
internal sealed class ProviderHttpClient
{
    private readonly IHttpClientFactory httpClientFactory;
    private readonly string providerName;
    private readonly bool sendsAreIdempotent;
    private readonly TimeProvider timeProvider;
    private readonly ResiliencePipeline<HttpResponseMessage> sendPipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> readPipeline;

    /// <param name="sendsAreIdempotent">
    /// True when the provider de-duplicates a repeated send (an idempotency key it honours), so a send whose
    /// outcome is unknown may simply be repeated.
    /// </param>
    public ProviderHttpClient(
        IHttpClientFactory httpClientFactory, string providerName, bool sendsAreIdempotent,
        SmsRetryOptions retryOptions, TimeProvider timeProvider, ILogger logger)
    {
        this.httpClientFactory = httpClientFactory;
        this.providerName = providerName;
        this.sendsAreIdempotent = sendsAreIdempotent;
        this.timeProvider = timeProvider;
        RetryOptions = retryOptions;
        sendPipeline = ProviderResilience.Create(providerName, retryOptions, sendsAreIdempotent, timeProvider, logger);
        readPipeline = ProviderResilience.Create(providerName, retryOptions, idempotent: true, timeProvider, logger);
    }

    public SmsRetryOptions RetryOptions { get; }

    /// <summary>A request that creates something (a message).</summary>
    public Task<ProviderResponse> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        ExecuteAsync(sendPipeline, sendsAreIdempotent, createRequest, cancellationToken);

    /// <summary>A request without side effects (a search).</summary>
    public Task<ProviderResponse> ReadAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        ExecuteAsync(readPipeline, idempotent: true, createRequest, cancellationToken);

    private async Task<ProviderResponse> ExecuteAsync(
        ResiliencePipeline<HttpResponseMessage> pipeline, bool idempotent,
        Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(providerName);
        var attempts = 0;
        try
        {
            using var response = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                // A request message cannot be sent twice, so every attempt builds its own.
                using var request = createRequest();
                return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            }, cancellationToken);

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ProviderResponse(response.StatusCode, body, ProviderResilience.GetRetryAfter(response, timeProvider), attempts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException exception)
        {
            var unknown = !idempotent && !ProviderResilience.FailedBeforeSending(exception);
            return NoResponse(attempts, "network_error", $"{providerName} could not be reached: {exception.Message}", unknown);
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or TaskCanceledException)
        {
            // TaskCanceledException without our token being cancelled is HttpClient's own timeout.
            return NoResponse(attempts, "timeout", $"{providerName} did not answer in time.", outcomeUnknown: !idempotent);
        }
    }

    private ProviderResponse NoResponse(int attempts, string code, string message, bool outcomeUnknown) =>
        new(null, string.Empty, null, attempts)
        {
            NoResponse = ProviderSendResult.Transient(code, message, RetryOptions.RescheduleAfter, outcomeUnknown),
        };
}
