using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Outreach.Domain.Webhooks;

namespace Outreach.Infrastructure.Webhooks;

/// <summary>
/// Sends one request to a receiver and reports what happened; it never throws for the receiver's faults (they
/// are the delivery log's content), only for cancellation. Any 2xx is success; a redirect is a failure, never
/// followed, since following it would let a public receiver bounce the console into a private network.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider clock)
{
    public const string HttpClientName = "webhooks";

    public async Task<WebhookSendResult> SendAsync(WebhookRequest delivery, CancellationToken cancellationToken)
    {
        var body = delivery.Format == WebhookFormat.Slack
            ? WebhookPayload.Slack(delivery.Type, delivery.OccurredAt, delivery.DataJson)
            : WebhookPayload.Standard(delivery.Type, delivery.OccurredAt, delivery.DataJson);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.ParseAdd("OutreachConsole-Webhooks/1.0");
        if (delivery.Format == WebhookFormat.Standard)
        {
            var now = clock.GetUtcNow();
            var timestamp = now.ToUnixTimeSeconds();
            request.Headers.Add("webhook-id", delivery.WebhookId);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSignature.Sign(delivery.WebhookId, timestamp, body, delivery.Secrets));
        }
        var described = Describe(request, body);

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ReadExcerptAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            var succeeded = status is >= 200 and < 300;
            var error = status is >= 300 and < 400 ? $"Redirected to {response.Headers.Location}; webhooks do not follow redirects." : null;
            return new WebhookSendResult(succeeded, status, excerpt, error, watch.Elapsed, described);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            return new WebhookSendResult(false, null, null, Explain(ex), watch.Elapsed, described);
        }
    }

    private static string Explain(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookAddressRefusedException refused)
            {
                return refused.Message;
            }
        }
        return ex is TaskCanceledException ? "No answer within the timeout." : ex.GetBaseException().Message;
    }

    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Only the start of the body is kept: a receiver answering megabytes must not fill the log or the memory.
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[WebhookAttempt.MaxExcerptLength];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string Describe(HttpRequestMessage request, string body)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"POST {request.RequestUri}\n");
        foreach (var header in request.Headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{header.Key}: {string.Join(", ", header.Value)}\n");
        }
        text.Append("content-type: application/json\n\n").Append(body);
        return text.Length <= WebhookAttempt.MaxRequestLength ? text.ToString() : text.ToString(0, WebhookAttempt.MaxRequestLength - 1) + "…";
    }

    /// <summary>
    /// The handler every webhook request goes through: no redirects, no proxy (a proxy would connect on our behalf,
    /// past the address check), short timeouts, and the address check on every new connection.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(Math.Min(5, options.TimeoutSeconds)),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, options.AllowPrivateNetworks, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = allowPrivateNetworks ? addresses : addresses.Where(WebhookNetworkPolicy.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookAddressRefusedException(
                $"Refused to connect to {host}: it resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, a private, loopback or reserved address. " +
                "Receivers must be reachable on the public internet (an installation can allow private networks in Outreach:Webhooks:AllowPrivateNetworks).");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
