using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
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
/// from the receiving number alone. A bad or missing signature gets 403 and a log line, nothing else.
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
            var (route, form) = await context.VerifyTwilioAsync(http, numberField: "To", ct);
            if (route is null)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            var sid = form["MessageSid"].ToString() is { Length: > 0 } messageSid ? messageSid : form["SmsSid"].ToString();
            await context.Inbound.ReceiveAsync(route, new InboundSms(
                sid, form["From"].ToString(), form["To"].ToString(), form["Body"].ToString(),
                int.TryParse(form["NumSegments"], CultureInfo.InvariantCulture, out var segments) ? segments : null), ct);
            return Results.Content(EmptyTwiml, "text/xml", Encoding.UTF8);
        });

        hooks.MapPost("/twilio/status", async (HttpContext http, WebhookContext context, CancellationToken ct) =>
        {
            var (route, form) = await context.VerifyTwilioAsync(http, numberField: "From", ct);
            if (route is null)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
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
            var (route, json) = await context.VerifySignalHouseAsync(http, numberField: "to", ct);
            if (route is null || json is not { } body)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            await context.Inbound.ReceiveAsync(route, new InboundSms(
                Text(body, "messageId") ?? "", Text(body, "from") ?? "", Text(body, "to") ?? "", Text(body, "body") ?? Text(body, "messageBody") ?? ""), ct);
            return Results.NoContent();
        });

        hooks.MapPost("/signalhouse/status", async (HttpContext http, WebhookContext context, CancellationToken ct) =>
        {
            var (route, json) = await context.VerifySignalHouseAsync(http, numberField: "from", ct);
            if (route is null || json is not { } body)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
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

/// <summary>What every webhook needs: the receiving number's route, the provider's key, and the check.</summary>
public sealed class WebhookContext(
    NumberRoutes routes,
    WebhookSecrets secrets,
    InboundMessages inbound,
    IOptions<OutreachOptions> options,
    TimeProvider clock,
    ILogger<WebhookContext> logger)
{
    public InboundMessages Inbound { get; } = inbound;

    public async Task<(SendingNumberRoute? Route, IFormCollection Form)> VerifyTwilioAsync(HttpContext http, string numberField, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var route = await routes.FindAsync(form[numberField].ToString(), ct);
        // Twilio-format webhooks come from Twilio or from the simulator, each signing with its own key.
        var key = route is null ? null : await secrets.ForAsync(route.Provider is SmsProviderNames.Simulator ? SmsProviderNames.Simulator : SmsProviderNames.Twilio, ct);
        var url = PublicUrl(http);
        var pairs = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")));
        if (route is null || key is null || !TwilioSignature.IsValid(key, url, pairs, http.Request.Headers[TwilioSignature.HeaderName]))
        {
            logger.LogWarning("Rejected a Twilio webhook to {Path} from {Address}: {Problem}", http.Request.Path, http.Connection.RemoteIpAddress,
                route is null ? "unknown receiving number" : key is null ? "provider has no webhook key configured" : "bad or missing signature");
            return (null, form);
        }
        return (route, form);
    }

    public async Task<(SendingNumberRoute? Route, JsonElement? Body)> VerifySignalHouseAsync(HttpContext http, string numberField, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var raw = buffer.ToArray();
        var secret = await secrets.ForAsync(SmsProviderNames.SignalHouse, ct);
        if (secret is null || !SignalHouseSignature.IsValid(secret, http.Request.Headers[SignalHouseSignature.TimestampHeader], raw,
                http.Request.Headers[SignalHouseSignature.SignatureHeader], clock.GetUtcNow()))
        {
            logger.LogWarning("Rejected a SignalHouse webhook to {Path} from {Address}: bad or missing signature", http.Request.Path, http.Connection.RemoteIpAddress);
            return (null, null);
        }
        JsonElement body;
        try
        {
            body = JsonSerializer.Deserialize<JsonElement>(raw);
        }
        catch (JsonException)
        {
            return (null, null);
        }
        var number = body.TryGetProperty(numberField, out var n) ? n.GetString() : null;
        var route = number is null ? null : await routes.FindAsync(number, ct);
        if (route is null || route.Provider != SmsProviderNames.SignalHouse)
        {
            logger.LogWarning("Rejected a SignalHouse webhook for {Number}: not a SignalHouse number of this installation", number);
            return (null, null);
        }
        return (route, body);
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
