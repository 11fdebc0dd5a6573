using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Messaging.Twilio;

namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// Posts webhooks to the console exactly as Twilio would: form-encoded, signed with X-Twilio-Signature over the
/// URL as requested, carrying an idempotency token that stays the same across retries. Refusals and network
/// failures come back as results, never as exceptions: a webhook the console will not take is the console's
/// problem, never the sender's.
/// </summary>
internal sealed class SimulatorWebhookSender
{
    public const string IdempotencyTokenHeader = "I-Twilio-Idempotency-Token";

    private readonly IHttpClientFactory httpClientFactory;
    private readonly ISimulatorEndpoint endpoint;
    private readonly ISimulatorSigningKey signingKey;
    private readonly SimulatorOptions options;
    private readonly ILogger logger;
    private readonly SemaphoreSlim slots;

    public SimulatorWebhookSender(
        IHttpClientFactory httpClientFactory, ISimulatorEndpoint endpoint, ISimulatorSigningKey signingKey,
        IOptions<SimulatorOptions> options, ILogger<SimulatorWebhookSender> logger)
    {
        this.httpClientFactory = httpClientFactory;
        this.endpoint = endpoint;
        this.signingKey = signingKey;
        this.options = options.Value;
        this.logger = logger;
        slots = new SemaphoreSlim(this.options.MaxConcurrentWebhooks);
    }

    /// <summary>Waits for one of the <see cref="SimulatorOptions.MaxConcurrentWebhooks"/> slots; release it with <see cref="ReleaseSlot"/>.</summary>
    public Task WaitForSlotAsync(CancellationToken cancellationToken) => slots.WaitAsync(cancellationToken);

    public void ReleaseSlot() => slots.Release();

    /// <summary>
    /// Takes every slot, so returns once nothing is being posted, or after <paramref name="timeout"/>; for
    /// shutting down. Bounded because a SimulateInboundAsync caller may still hold a slot, retrying.
    /// </summary>
    public async Task WaitForAllSlotsAsync(TimeSpan timeout)
    {
        using var giveUp = new CancellationTokenSource(timeout);
        try
        {
            for (var i = 0; i < options.MaxConcurrentWebhooks; i++)
            {
                await slots.WaitAsync(giveUp.Token);
            }
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
        }
    }

    /// <summary>Exponential: the configured delay, then twice, four times that, with 20% jitter so retries of a burst spread out.</summary>
    public TimeSpan RetryDelay(int attemptsMade) =>
        options.WebhookRetryDelay * Math.Pow(2, attemptsMade - 1) * (0.8 + 0.4 * Random.Shared.NextDouble());

    public bool MayRetry(SimulatorWebhook webhook) => webhook.Attempts < options.WebhookAttempts;

    /// <summary>One attempt; the caller holds a slot. Logs nothing: the caller knows whether it will try again.</summary>
    public async Task<(WebhookAttemptResult Result, string Detail)> AttemptAsync(SimulatorWebhook webhook, CancellationToken cancellationToken)
    {
        webhook.Attempts++;
        try
        {
            var url = webhook.Url ?? new Uri(WithTrailingSlash(endpoint.BaseUrl), webhook.DefaultPath);
            var key = await signingKey.GetAsync(cancellationToken);

            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(webhook.Form) };
            // Signed over the URL as sent on the wire; AbsoluteUri is that form (escaped, default port dropped).
            request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(key, url.AbsoluteUri, webhook.Form));
            request.Headers.Add(IdempotencyTokenHeader, webhook.EventId);
            request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");

            using var response = await httpClientFactory.CreateClient(SmsProviderNames.Simulator).SendAsync(request, cancellationToken);
            var status = response.StatusCode;
            var detail = $"HTTP {(int)status} from {url.AbsoluteUri}";
            return (int)status is >= 200 and <= 299 ? (WebhookAttemptResult.Accepted, detail)
                : status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500 ? (WebhookAttemptResult.Retry, detail)
                : (WebhookAttemptResult.Refused, detail);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            // No answer (refused, reset, HttpClient's timeout), or no address or key yet: the console may be starting.
            return (WebhookAttemptResult.Retry, exception.Message);
        }
    }

    /// <summary>Attempts until accepted, refused or out of attempts, waiting between them; the caller holds a slot.</summary>
    public async Task<(WebhookAttemptResult Result, string Detail)> PostNowAsync(
        SimulatorWebhook webhook, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (result, detail) = await AttemptAsync(webhook, cancellationToken);
            if (result != WebhookAttemptResult.Retry || !MayRetry(webhook))
            {
                return (result, detail);
            }
            await Task.Delay(RetryDelay(webhook.Attempts), timeProvider, cancellationToken);
        }
    }

    public void LogGaveUp(SimulatorWebhook webhook, string detail) =>
        logger.LogWarning(
            "SMS simulator gave up on the {Webhook} webhook for {MessageSid} after {Attempts} attempt(s): {Detail}",
            webhook.Kind, webhook.MessageSid, webhook.Attempts, detail);

    private static Uri WithTrailingSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
}
