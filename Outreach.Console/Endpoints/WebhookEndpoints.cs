using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Outreach.Console.Features.Account;
using Outreach.Domain.Messaging;
using Outreach.Infrastructure;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Inbound;
using Outreach.Infrastructure.Messaging.SignalHouse;
using Outreach.Infrastructure.Messaging.Twilio;

namespace Outreach.Console.Endpoints;

/// <summary>
/// Provider webhooks. Nothing is read, stored or trusted before the signature checks out; the team comes
/// from the receiving number alone. A bad or missing signature gets 403 and a log line, nothing else; a
/// request that cannot be read at all (not a form, too large, cut short) gets 400, 413 or 415 and a warning.
/// </summary>
public static class WebhookEndpoints
{
    private const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var hooks = endpoints.MapGroup("/webhooks").AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SignInRateLimit.WebhookPolicy);
        // Back-pressure: beyond what the database can take, more webhooks in progress only slow every one of
        // them down until none finishes in time. A bounded number run at once; the rest wait briefly, then get
        // 503, which providers retry.
        var gate = new SemaphoreSlim(Math.Max(8, Environment.ProcessorCount * 8));
        hooks.AddEndpointFilter(async (context, next) =>
        {
            if (!await gate.WaitAsync(TimeSpan.FromSeconds(5), context.HttpContext.RequestAborted))
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            try
            {
                return await next(context);
            }
            finally
            {
                gate.Release();
            }
        });

        hooks.MapPost("/twilio/sms", async (HttpContext http, WebhookContext context, CancellationToken ct) =>
        {
            var (route, form, refusal) = await context.VerifyTwilioAsync(http, numberField: "To", ct);
            if (route is null)
            {
                return Results.StatusCode(refusal);
            }
            var sid = form["MessageSid"].ToString() is { Length: > 0 } messageSid ? messageSid : form["SmsSid"].ToString();
            await context.Inbound.ReceiveAsync(route, new InboundSms(
                sid, form["From"].ToString(), form["To"].ToString(), form["Body"].ToString(),
                int.TryParse(form["NumSegments"], CultureInfo.InvariantCulture, out var segments) ? segments : null), ct);
            return Results.Content(EmptyTwiml, "text/xml", Encoding.UTF8);
        });

        hooks.MapPost("/twilio/status", async (HttpContext http, WebhookContext context, CancellationToken ct) =>
        {
            var (route, form, refusal) = await context.VerifyTwilioAsync(http, numberField: "From", ct);
            if (route is null)
            {
                return Results.StatusCode(refusal);
            }
            if (TwilioStatuses.Map(form["MessageStatus"].ToString()) is { } status)
            {
                var sid = form["MessageSid"].ToString() is { Length: > 0 } messageSid ? messageSid : form["SmsSid"].ToString();
                var error = form["ErrorCode"].ToString();
                await context.Inbound.UpdateStatusAsync(route, new StatusCallback(sid, status, error.Length > 0 ? error : null, null), ct);
            }
            return Results.NoContent();
        });

        hooks.MapPost("/signalhouse/sms", async (HttpContext http, WebhookContext context, CancellationToken ct) =>
        {
            var (route, json, refusal) = await context.VerifySignalHouseAsync(http, numberField: "to", ct);
            if (route is null || json is not { } body)
            {
                return Results.StatusCode(refusal);
            }
            await context.Inbound.ReceiveAsync(route, new InboundSms(
                Text(body, "messageId") ?? "", Text(body, "from") ?? "", Text(body, "to") ?? "", Text(body, "body") ?? Text(body, "messageBody") ?? ""), ct);
            return Results.NoContent();
        });

        hooks.MapPost("/signalhouse/status", async (HttpContext http, WebhookContext context, CancellationToken ct) =>
        {
            var (route, json, refusal) = await context.VerifySignalHouseAsync(http, numberField: "from", ct);
            if (route is null || json is not { } body)
            {
                return Results.StatusCode(refusal);
            }
            if (SignalHouseStatus(Text(body, "status")) is { } status)
            {
                await context.Inbound.UpdateStatusAsync(route, new StatusCallback(Text(body, "messageId") ?? "", status, Text(body, "errorCode"), null), ct);
            }
            return Results.NoContent();
        });

        return endpoints;
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static MessageStatus? SignalHouseStatus(string? status) => status?.ToLowerInvariant() switch
    {
        "queued" or "enqueued" => MessageStatus.Queued,
        "sending" => MessageStatus.Sending,
        "sent" => MessageStatus.Sent,
        "delivered" => MessageStatus.Delivered,
        "undelivered" => MessageStatus.Undelivered,
        "failed" => MessageStatus.Failed,
        _ => null,
    };
}

/// <summary>
/// What every webhook needs: the receiving number's route, the provider's key, and the check. Each check
/// returns the route, the payload, and the status to answer with when there is no route (403 for a bad
/// signature or an unknown number; 400, 413 or 415 for a request that cannot be read).
/// </summary>
public sealed class WebhookContext(
    NumberRoutes routes,
    WebhookSecrets secrets,
    InboundMessages inbound,
    IOptions<OutreachOptions> options,
    TimeProvider clock,
    ILogger<WebhookContext> logger)
{
    /// <summary>
    /// A provider's webhook is a few kilobytes (an SMS body is at most 1,600 characters); nothing legitimate
    /// comes near this, and without a cap a client could make the server buffer as much as it likes.
    /// </summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = 1024,
        ValueLengthLimit = MaxBodyBytes,
        KeyLengthLimit = 1024,
        MultipartBodyLengthLimit = MaxBodyBytes,
        MultipartHeadersLengthLimit = 16 * 1024,
    };

    private static readonly FormCollection NoForm = new(null);

    public InboundMessages Inbound { get; } = inbound;

    public async Task<(SendingNumberRoute? Route, IFormCollection Form, int Refusal)> VerifyTwilioAsync(HttpContext http, string numberField, CancellationToken ct)
    {
        // Twilio posts application/x-www-form-urlencoded, or JSON signed through its hash in the URL (bodySHA256).
        if (http.Request.HasJsonContentType() && http.Request.Query.ContainsKey("bodySHA256"))
        {
            return await VerifyTwilioJsonAsync(http, numberField, ct);
        }
        if (!http.Request.HasFormContentType)
        {
            return (null, NoForm, Refuse(http, StatusCodes.Status415UnsupportedMediaType, $"not a form (Content-Type '{http.Request.ContentType}')"));
        }
        if (TooLarge(http) is { } tooLarge)
        {
            return (null, NoForm, tooLarge);
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(FormLimits, ct);
        }
        catch (BadHttpRequestException ex)
        {
            // The server's own limit on the body (413) or a body it could not read (400).
            return (null, NoForm, Refuse(http, ex.StatusCode, ex.Message));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // Too many fields, a value or key beyond the limits, multipart without a boundary, a body cut short.
            return (null, NoForm, Refuse(http, StatusCodes.Status400BadRequest, ex.Message));
        }
        var route = await routes.FindAsync(form[numberField].ToString(), ct);
        // Twilio-format webhooks come from Twilio or from the simulator, each signing with its own key.
        var key = route is null ? null : await secrets.ForAsync(route.Provider is SmsProviderNames.Simulator ? SmsProviderNames.Simulator : SmsProviderNames.Twilio, ct);
        var url = PublicUrl(http);
        var pairs = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")));
        if (route is null || key is null || !TwilioSignature.IsValid(key, url, pairs, http.Request.Headers[TwilioSignature.HeaderName]))
        {
            logger.LogWarning("Rejected a Twilio webhook to {Path} from {Address}: {Problem}", http.Request.Path, http.Connection.RemoteIpAddress,
                route is null ? "unknown receiving number" : key is null ? "provider has no webhook key configured" : "bad or missing signature");
            return (null, form, StatusCodes.Status403Forbidden);
        }
        return (route, form, StatusCodes.Status200OK);
    }

    /// <summary>A Twilio webhook with a JSON body: the body's hash is checked, then its fields are read as a form's.</summary>
    private async Task<(SendingNumberRoute? Route, IFormCollection Form, int Refusal)> VerifyTwilioJsonAsync(HttpContext http, string numberField, CancellationToken ct)
    {
        var (raw, unreadable) = await ReadCappedBodyAsync(http, ct);
        if (raw is null)
        {
            return (null, NoForm, unreadable);
        }
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, NoForm, Refuse(http, StatusCodes.Status400BadRequest, "the JSON body is not an object"));
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    _ => StringValues.Empty,
                };
            }
        }
        catch (JsonException ex)
        {
            return (null, NoForm, Refuse(http, StatusCodes.Status400BadRequest, ex.Message));
        }
        var form = new FormCollection(fields);
        var route = await routes.FindAsync(form[numberField].ToString(), ct);
        var key = route is null ? null : await secrets.ForAsync(route.Provider is SmsProviderNames.Simulator ? SmsProviderNames.Simulator : SmsProviderNames.Twilio, ct);
        if (route is null || key is null
            || !TwilioSignature.IsValidJson(key, PublicUrl(http), raw, http.Request.Query["bodySHA256"], http.Request.Headers[TwilioSignature.HeaderName]))
        {
            logger.LogWarning("Rejected a Twilio JSON webhook to {Path} from {Address}: {Problem}", http.Request.Path, http.Connection.RemoteIpAddress,
                route is null ? "unknown receiving number" : key is null ? "provider has no webhook key configured" : "bad or missing signature or body hash");
            return (null, form, StatusCodes.Status403Forbidden);
        }
        return (route, form, StatusCodes.Status200OK);
    }

    public async Task<(SendingNumberRoute? Route, JsonElement? Body, int Refusal)> VerifySignalHouseAsync(HttpContext http, string numberField, CancellationToken ct)
    {
        var (raw, unreadable) = await ReadCappedBodyAsync(http, ct);
        if (raw is null)
        {
            return (null, null, unreadable);
        }
        var secret = await secrets.ForAsync(SmsProviderNames.SignalHouse, ct);
        if (secret is null || !SignalHouseSignature.IsValid(secret, http.Request.Headers[SignalHouseSignature.TimestampHeader], raw,
                http.Request.Headers[SignalHouseSignature.SignatureHeader], clock.GetUtcNow()))
        {
            logger.LogWarning("Rejected a SignalHouse webhook to {Path} from {Address}: bad or missing signature", http.Request.Path, http.Connection.RemoteIpAddress);
            return (null, null, StatusCodes.Status403Forbidden);
        }
        JsonElement body;
        try
        {
            body = JsonSerializer.Deserialize<JsonElement>(raw);
        }
        catch (JsonException ex)
        {
            return (null, null, Refuse(http, StatusCodes.Status400BadRequest, ex.Message));
        }
        var number = body.ValueKind == JsonValueKind.Object && body.TryGetProperty(numberField, out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var route = number is null ? null : await routes.FindAsync(number, ct);
        if (route is null || route.Provider != SmsProviderNames.SignalHouse)
        {
            logger.LogWarning("Rejected a SignalHouse webhook for {Number}: not a SignalHouse number of this installation", number);
            return (null, null, StatusCodes.Status403Forbidden);
        }
        return (route, body, StatusCodes.Status200OK);
    }

    /// <summary>The raw body within the cap, or null and the status that refuses it (413 too large, 400 unreadable).</summary>
    private async Task<(byte[]? Body, int Refusal)> ReadCappedBodyAsync(HttpContext http, CancellationToken ct)
    {
        if (TooLarge(http) is { } tooLarge)
        {
            return (null, tooLarge);
        }
        byte[] raw;
        try
        {
            raw = await ReadBodyAsync(http.Request.Body, ct);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Refuse(http, ex.StatusCode, ex.Message));
        }
        catch (IOException ex)
        {
            return (null, Refuse(http, StatusCodes.Status400BadRequest, ex.Message));
        }
        return raw.Length > MaxBodyBytes
            ? (null, Refuse(http, StatusCodes.Status413PayloadTooLarge, $"body larger than {MaxBodyBytes} bytes"))
            : (raw, StatusCodes.Status200OK);
    }

    /// <summary>
    /// 413 when the declared length is over the cap; otherwise the server is told the cap, so that a body
    /// without a declared length fails as it streams in (Kestrel answers that with 413 too).
    /// </summary>
    private int? TooLarge(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Refuse(http, StatusCodes.Status413PayloadTooLarge, $"declared body of {http.Request.ContentLength} bytes");
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }
        return null;
    }

    /// <summary>The body, read up to one byte past the cap so that the caller can tell it was too long.</summary>
    private static async Task<byte[]> ReadBodyAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length <= MaxBodyBytes && (read = await body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>A request that cannot be read is the sender's problem, not ours: a warning, not an error.</summary>
    private int Refuse(HttpContext http, int status, string problem)
    {
        logger.LogWarning("Refused a malformed webhook to {Path} from {Address} with {StatusCode}: {Problem}",
            http.Request.Path, http.Connection.RemoteIpAddress, status, problem);
        return status;
    }

    /// <summary>The URL the provider called: the configured public address when set (behind a proxy), else this request's.</summary>
    private string PublicUrl(HttpContext http)
    {
        var request = http.Request;
        var pathAndQuery = request.PathBase + request.Path + request.QueryString;
        return options.Value.PublicBaseUrl is { Length: > 0 } baseUrl
            ? baseUrl.TrimEnd('/') + pathAndQuery
            : $"{request.Scheme}://{request.Host}{pathAndQuery}";
    }
}
