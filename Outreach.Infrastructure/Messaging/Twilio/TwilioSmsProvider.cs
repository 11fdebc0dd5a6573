using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Messaging.Http;

namespace Outreach.Infrastructure.Messaging.Twilio;

/// <summary>Twilio's Programmable Messaging REST API (2010-04-01), or any API compatible with it.</summary>
public sealed class TwilioSmsProvider : IConfigurableSmsProvider
{
    // Twilio ignores client idempotency keys on message creation: a repeated POST is a second text.
    private const bool SendsAreIdempotent = false;

    // Bounds the crash-recovery search; a recipient with more than this many texts from one sender in the
    // window is not a prospect we would be texting.
    private const int LookupPageSize = 100;
    private const int LookupMaxPages = 5;

    private readonly TwilioOptions options;
    private readonly ProviderHttpClient http;
    private readonly ILogger logger;

    public TwilioSmsProvider(
        IHttpClientFactory httpClientFactory, IOptions<SmsProviderOptions> options, TimeProvider timeProvider, ILogger<TwilioSmsProvider> logger)
    {
        this.options = options.Value.Twilio;
        this.logger = logger;
        http = new ProviderHttpClient(httpClientFactory, Name, SendsAreIdempotent, options.Value.Retry, timeProvider, logger);
    }

    public string Name => SmsProviderNames.Twilio;

    public bool IsConfigured => options.IsConfigured;

    public async Task<ProviderSendResult> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken)
    {
        EnsureConfigured();
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", request.To),
            new("From", request.From),
            new("Body", request.Body),
        };
        if (request.StatusCallback is { } callback)
        {
            form.Add(new("StatusCallback", callback.AbsoluteUri));
        }
        if (!string.IsNullOrWhiteSpace(options.MessagingServiceSid))
        {
            form.Add(new("MessagingServiceSid", options.MessagingServiceSid));
        }

        var response = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, MessagesUrl())
        {
            Headers = { Authorization = BasicAuthorization() },
            Content = new FormUrlEncodedContent(form),
        }, cancellationToken);

        var result = Interpret(response);
        if (!result.Accepted)
        {
            logger.LogWarning(
                "Twilio did not accept message {MessageId}: {Failure} {ErrorCode} {ErrorMessage} after {Attempts} attempt(s)",
                request.MessageId, result.Failure, result.ErrorCode, result.ErrorMessage, response.Attempts);
        }
        return result;
    }

    /// <remarks>
    /// Searches Messages.json by To, From and DateSent&gt;= (Twilio filters by date only, in GMT), then matches the
    /// exact body and date_created &gt;= <paramref name="since"/>. A message still waiting in Twilio's queue may have
    /// no date_sent yet, and a Messaging Service with smart encoding or link shortening rewrites bodies, so pass a
    /// <paramref name="since"/> with a margin and call this once the send is at least a minute old.
    /// </remarks>
    public async Task<string?> FindPreviousSendAsync(ProviderSendRequest request, DateTimeOffset since, CancellationToken cancellationToken)
    {
        EnsureConfigured();
        var query = new StringBuilder()
            .Append("?To=").Append(Uri.EscapeDataString(request.To))
            .Append("&From=").Append(Uri.EscapeDataString(request.From))
            // The filter's name is "DateSent>" and its value the date: on the wire DateSent%3E=2026-01-31.
            .Append("&DateSent%3E=").Append(since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append("&PageSize=").Append(LookupPageSize.ToString(CultureInfo.InvariantCulture));
        var url = MessagesUrl() + query;

        for (var page = 0; page < LookupMaxPages && url is not null; page++)
        {
            var pageUrl = url;
            var response = await http.ReadAsync(() => new HttpRequestMessage(HttpMethod.Get, pageUrl)
            {
                Headers = { Authorization = BasicAuthorization() },
            }, cancellationToken);

            if (response.NoResponse is { } failure)
            {
                throw new SmsProviderUnavailableException(Name, failure.ErrorMessage ?? "Twilio could not be reached.", failure.RetryAfter);
            }
            if (!response.IsSuccess)
            {
                var error = TwilioJson.TryParse<TwilioError>(response.Body);
                throw new SmsProviderUnavailableException(Name,
                    $"Twilio refused the message search: HTTP {response.StatusText} {error?.Code} {error?.Message}".TrimEnd(),
                    response.RetryAfter ?? http.RetryOptions.RescheduleAfter);
            }

            var messages = TwilioJson.TryParse<TwilioMessagePage>(response.Body)
                ?? throw new SmsProviderUnavailableException(Name, "Twilio's message search answered with something other than a message page.");
            var match = messages.Messages?.FirstOrDefault(m => IsSameSend(m, request, since));
            if (match?.Sid is { } sid)
            {
                return sid;
            }
            // next_page_uri is a path from the API root ("/2010-04-01/Accounts/...?...&PageToken=...").
            url = string.IsNullOrEmpty(messages.NextPageUri) ? null : BaseUrl() + messages.NextPageUri;
        }
        return null;
    }

    private ProviderSendResult Interpret(ProviderResponse response)
    {
        if (response.NoResponse is { } failure)
        {
            return failure;
        }

        if (!response.IsSuccess)
        {
            var error = TwilioJson.TryParse<TwilioError>(response.Body);
            var code = error?.Code;
            return ProviderFailures.FromErrorResponse(
                response,
                code?.ToString(CultureInfo.InvariantCulture),
                error?.Message,
                code is { } c ? TwilioErrorCodes.Classify(c) : null,
                SendsAreIdempotent,
                http.RetryOptions);
        }

        var message = TwilioJson.TryParse<TwilioMessage>(response.Body);
        if (message?.Sid is not { Length: > 0 } sid)
        {
            // 2xx without a readable sid: Twilio probably created the message, but we cannot tell which.
            return ProviderSendResult.Transient("unreadable_response", "Twilio accepted the request but its answer could not be read.",
                http.RetryOptions.RescheduleAfter, outcomeUnknown: true);
        }

        if (message.Status is "failed" or "undelivered")
        {
            // Created and failed at once: sending again makes a new message, so a transient code may be retried.
            var code = message.ErrorCode?.ToString(CultureInfo.InvariantCulture) ?? message.Status;
            var reason = message.ErrorMessage ?? $"Twilio reported the message {message.Status}.";
            return message.ErrorCode is { } c && TwilioErrorCodes.Classify(c) == ProviderFailureKind.Transient
                ? ProviderSendResult.Transient(code, reason, http.RetryOptions.RescheduleAfter)
                : ProviderSendResult.Permanent(code, reason, sid);
        }

        // Through a Messaging Service num_segments is "0" until a sender is picked, and price stays null until
        // the carrier is billed: both then arrive later, so 0 means "not known yet". Twilio's price is a debit
        // (negative); we record spend as a positive amount.
        var segments = message.NumSegments is > 0 ? message.NumSegments : null;
        var cost = message.Price is { } price ? Math.Abs(price) : (decimal?)null;
        return ProviderSendResult.Sent(sid, segments, cost);
    }

    private static bool IsSameSend(TwilioMessage message, ProviderSendRequest request, DateTimeOffset since) =>
        message.Direction?.StartsWith("outbound", StringComparison.Ordinal) == true
        && string.Equals(message.To, request.To, StringComparison.Ordinal)
        && string.Equals(message.From, request.From, StringComparison.Ordinal)
        && string.Equals(message.Body, request.Body, StringComparison.Ordinal)
        && TwilioJson.ParseDate(message.DateCreated) is { } created && created >= since;

    private string BaseUrl() => options.BaseUrl.TrimEnd('/');

    private string MessagesUrl() => $"{BaseUrl()}/2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid!)}/Messages.json";

    private AuthenticationHeaderValue BasicAuthorization() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.AccountSid}:{options.AuthToken}")));

    private void EnsureConfigured()
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException(
                $"Twilio is not configured: set {SmsProviderOptions.Section}:Twilio:AccountSid and {SmsProviderOptions.Section}:Twilio:AuthToken.");
        }
    }
}
