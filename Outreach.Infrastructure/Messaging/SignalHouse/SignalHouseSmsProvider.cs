using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Messaging.Http;

namespace Outreach.Infrastructure.Messaging.SignalHouse;

/// <summary>
/// SignalHouse's REST API (https://v2.signalhouse.io): POST /message/sms to send, GET /message to search,
/// bearer-token authentication. The endpoints and fields follow SignalHouse's official SDKs; their documented
/// Idempotency-Key header (a retry with the same key within 24 hours replays the first response) is what makes
/// a send with an unknown outcome safe to repeat.
/// </summary>
public sealed class SignalHouseSmsProvider : IConfigurableSmsProvider
{
    private const bool SendsAreIdempotent = true;
    private const int LookupLimit = 100;

    /// <summary>SignalHouse's errorCode for a recipient who opted out of this campaign.</summary>
    public const string CampaignOptOutCode = "OUT";

    /// <summary>Our code for a recipient on SignalHouse's global Do Not Contact list (they give no code).</summary>
    public const string DoNotContactCode = "DNC";

    private readonly SignalHouseOptions options;
    private readonly ProviderHttpClient http;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    public SignalHouseSmsProvider(
        IHttpClientFactory httpClientFactory, IOptions<SmsProviderOptions> options, TimeProvider timeProvider, ILogger<SignalHouseSmsProvider> logger)
    {
        this.options = options.Value.SignalHouse;
        this.timeProvider = timeProvider;
        this.logger = logger;
        http = new ProviderHttpClient(httpClientFactory, Name, SendsAreIdempotent, options.Value.Retry, timeProvider, logger);
    }

    public string Name => SmsProviderNames.SignalHouse;

    public bool IsConfigured => options.IsConfigured;

    public async Task<ProviderSendResult> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken)
    {
        EnsureConfigured();
        var payload = JsonSerializer.Serialize(new SignalHouseSendSms(
            SenderPhoneNumber: Digits(request.From),
            RecipientPhoneNumber: [Digits(request.To)],
            MessageBody: request.Body,
            StatusCallbackUrl: request.StatusCallback?.AbsoluteUri,
            // Shortlinks rewrite the body: what we rendered, checked and recorded would not be what was sent.
            EnableShortlink: false), SignalHouseJson.Options);

        var response = await http.SendAsync(() =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl()}/message/sms")
            {
                Headers = { Authorization = BearerAuthorization() },
                Content = new StringContent(payload, Encoding.UTF8, "application/json"),
            };
            message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
            return message;
        }, cancellationToken);

        var result = Interpret(response, request);
        if (!result.Accepted)
        {
            logger.LogWarning(
                "SignalHouse did not accept message {MessageId}: {Failure} {ErrorCode} {ErrorMessage} after {Attempts} attempt(s)",
                request.MessageId, result.Failure, result.ErrorCode, result.ErrorMessage, response.Attempts);
        }
        return result;
    }

    /// <remarks>
    /// GET /message needs groupId, startDate and endDate (whole UTC days). The response's list shape is not in
    /// the SDKs: this reads a top-level array or the first array inside the top-level object (or its "data"),
    /// which must be confirmed against SignalHouse's docs. Within 24 hours the Idempotency-Key also protects a
    /// repeated send, so this search matters most for older claims.
    /// </remarks>
    public async Task<string?> FindPreviousSendAsync(ProviderSendRequest request, DateTimeOffset since, CancellationToken cancellationToken)
    {
        EnsureConfigured();
        if (string.IsNullOrWhiteSpace(options.GroupId))
        {
            throw new SmsProviderUnavailableException(Name,
                $"SignalHouse's message search needs {SmsProviderOptions.Section}:SignalHouse:GroupId.");
        }

        var query = new StringBuilder()
            .Append("?groupId=").Append(Uri.EscapeDataString(options.GroupId))
            .Append("&senderPhoneNumber=").Append(Digits(request.From))
            .Append("&recipientPhoneNumber=").Append(Digits(request.To))
            .Append("&direction=OUTBOUND")
            .Append("&startDate=").Append(since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append("&endDate=").Append(timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append("&limit=").Append(LookupLimit.ToString(CultureInfo.InvariantCulture));

        var response = await http.ReadAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl()}/message{query}")
        {
            Headers = { Authorization = BearerAuthorization() },
        }, cancellationToken);

        if (response.NoResponse is { } failure)
        {
            throw new SmsProviderUnavailableException(Name, failure.ErrorMessage ?? "SignalHouse could not be reached.", failure.RetryAfter);
        }
        if (!response.IsSuccess)
        {
            var (code, message) = ReadError(response.Body);
            throw new SmsProviderUnavailableException(Name,
                $"SignalHouse refused the message search: HTTP {response.StatusText} {code} {message}".TrimEnd(),
                response.RetryAfter ?? http.RetryOptions.RescheduleAfter);
        }

        using var document = ParseOrNull(response.Body)
            ?? throw new SmsProviderUnavailableException(Name, "SignalHouse's message search answered with something other than JSON.");
        foreach (var message in MessagesIn(document.RootElement))
        {
            if (IsSameSend(message, request, since) && SignalHouseJson.Text(message, "_id", "id") is { } id)
            {
                return id;
            }
        }
        return null;
    }

    private ProviderSendResult Interpret(ProviderResponse response, ProviderSendRequest request)
    {
        if (response.NoResponse is { } failure)
        {
            return failure;
        }

        if (!response.IsSuccess)
        {
            var (code, message) = ReadError(response.Body);
            return ProviderFailures.FromErrorResponse(response, code, message, knownKind: null, SendsAreIdempotent, http.RetryOptions);
        }

        // A 2xx does not mean accepted: moderation blocks, campaign opt-outs and the Do Not Contact list all
        // answer 201, and only enqueuedCount and the inserted message's status tell.
        var sent = SignalHouseJson.TryParse<SignalHouseSendResponse>(response.Body);
        if (sent is null)
        {
            return ProviderSendResult.Transient("unreadable_response", "SignalHouse accepted the request but its answer could not be read.",
                http.RetryOptions.RescheduleAfter, outcomeUnknown: true);
        }

        var inserted = sent.InsertedMessages?.FirstOrDefault();
        if (inserted is { Id.Length: > 0 } && sent.EnqueuedCount is > 0 && !IsFailed(inserted))
        {
            return ProviderSendResult.Sent(inserted.Id, inserted.SegmentCount is > 0 ? inserted.SegmentCount : null);
        }
        if (inserted is not null && IsFailed(inserted))
        {
            var code = SignalHouseJson.Scalar(inserted.ErrorCode) ?? "FAILED";
            var reason = inserted.SuccessOrFailureReason
                ?? (code == CampaignOptOutCode ? "The recipient opted out of this campaign." : "SignalHouse blocked the message.");
            return ProviderSendResult.Permanent(code, reason, inserted.Id);
        }
        if (IsListed(sent.DncBlockedNumbers, request.To))
        {
            return ProviderSendResult.Permanent(DoNotContactCode, "The recipient is on SignalHouse's Do Not Contact list.");
        }
        return ProviderSendResult.Permanent("not_enqueued", "SignalHouse did not enqueue the message.", inserted?.Id);
    }

    private static bool IsFailed(SignalHouseMessage message) => string.Equals(message.Status, "FAILED", StringComparison.OrdinalIgnoreCase);

    private static bool IsListed(JsonElement? numbers, string to) =>
        numbers is { ValueKind: JsonValueKind.Array } list
        && list.EnumerateArray().Any(n => SignalHouseJson.Scalar(n) is { } number ? Digits(number) == Digits(to) : n.ValueKind == JsonValueKind.Object);

    private static bool IsSameSend(JsonElement message, ProviderSendRequest request, DateTimeOffset since) =>
        string.Equals(SignalHouseJson.Text(message, "messageBody"), request.Body, StringComparison.Ordinal)
        && SignalHouseJson.Text(message, "senderPhoneNumber") is { } from && Digits(from) == Digits(request.From)
        && Recipients(message).Contains(Digits(request.To))
        && !string.Equals(SignalHouseJson.Text(message, "direction"), "INBOUND", StringComparison.OrdinalIgnoreCase)
        // The search is by whole days; the claim time narrows it.
        && (SignalHouseJson.Date(message, "createdAt") is not { } created || created >= since);

    private static IEnumerable<string> Recipients(JsonElement message) =>
        message.TryGetProperty("recipientPhoneNumber", out var recipients) && recipients.ValueKind == JsonValueKind.Array
            ? recipients.EnumerateArray().Select(r => SignalHouseJson.Scalar(r)).OfType<string>().Select(Digits)
            : SignalHouseJson.Text(message, "recipientPhoneNumber") is { } single ? [Digits(single)] : [];

    private static IEnumerable<JsonElement> MessagesIn(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root.EnumerateArray().ToList();
        }
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("data", out var data) && data.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
            {
                return MessagesIn(data);
            }
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Array)
                {
                    return property.Value.EnumerateArray().ToList();
                }
            }
        }
        return [];
    }

    private static (string? Code, string? Message) ReadError(string body)
    {
        using var document = ParseOrNull(body);
        if (document is null)
        {
            return (null, string.IsNullOrWhiteSpace(body) ? null : body.Length > 500 ? body[..500] : body);
        }
        var root = document.RootElement;
        return (SignalHouseJson.Text(root, "errorCode", "code"), SignalHouseJson.Text(root, "message", "error"));
    }

    private static JsonDocument? ParseOrNull(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>SignalHouse's numbers are bare digits with the country code ("15551234567"), as in their SDKs.</summary>
    private static string Digits(string e164) => e164.StartsWith('+') ? e164[1..] : e164;

    private string BaseUrl() => options.BaseUrl.TrimEnd('/');

    private AuthenticationHeaderValue BearerAuthorization() => new("Bearer", options.ApiToken);

    private void EnsureConfigured()
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException($"SignalHouse is not configured: set {SmsProviderOptions.Section}:SignalHouse:ApiToken.");
        }
    }
}
