using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Infrastructure.Messaging.Twilio;

namespace Outreach.Infrastructure.Tests.Messaging.Simulator;

/// <summary>A webhook as the console's endpoint received it.</summary>
/// <param name="Sequence">Arrival order, from 0.</param>
/// <param name="Url">The URL as the server saw it (scheme, host, port, path, query), the one a signature covers.</param>
public sealed record ReceivedWebhook(
    int Sequence, string Url, string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<KeyValuePair<string, string>> Form, long ArrivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string Field(string name) => Form.Single(f => f.Key == name).Value;

    public string? OptionalField(string name) => Form.SingleOrDefault(f => f.Key == name).Value;

    public bool IsSignedWith(string key) => TwilioSignature.IsValid(key, Url, Form, Header(TwilioSignature.HeaderName));
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port in the role of the console's webhook endpoints: records
/// every POST as received and answers with a scripted status.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string StatusPath = "/webhooks/twilio/status";
    public const string InboundPath = "/webhooks/twilio/sms";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private int count;
    private int inFlight;
    private int maxInFlight;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => received.OrderBy(r => r.Sequence).ToList();

    public IReadOnlyList<ReceivedWebhook> StatusCallbacks => Received.Where(r => r.Path.EndsWith(StatusPath, StringComparison.Ordinal)).ToList();

    public IReadOnlyList<ReceivedWebhook> Inbound => Received.Where(r => r.Path.EndsWith(InboundPath, StringComparison.Ordinal)).ToList();

    /// <summary>The most requests the server was handling at one moment.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <param name="respond">The status for the n-th request (0-based); 200 when null.</param>
    /// <param name="delay">How long each request is held before the answer.</param>
    public static async Task<WebhookReceiver> StartAsync(Func<ReceivedWebhook, int, int>? respond = null, TimeSpan? delay = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);

        app.Run(async context =>
        {
            var now = Interlocked.Increment(ref receiver.inFlight);
            InterlockedMax(ref receiver.maxInFlight, now);
            try
            {
                var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
                var webhook = new ReceivedWebhook(
                    Interlocked.Increment(ref receiver.count) - 1,
                    context.Request.GetEncodedUrl(),
                    context.Request.PathBase + context.Request.Path,
                    context.Request.ContentType,
                    context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    form?.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty))).ToList() ?? [],
                    Stopwatch.GetTimestamp());
                receiver.received.Enqueue(webhook);
                if (delay is { } wait)
                {
                    await Task.Delay(wait, context.RequestAborted);
                }
                context.Response.StatusCode = respond?.Invoke(webhook, webhook.Sequence) ?? StatusCodes.Status200OK;
            }
            finally
            {
                Interlocked.Decrement(ref receiver.inFlight);
            }
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.BaseUrl = new Uri(address + "/");
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for what has arrived; fails the test after the timeout.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            var snapshot = Received;
            if (condition(snapshot))
            {
                return snapshot;
            }
            if (deadline.Elapsed > limit)
            {
                Assert.Fail($"The expected webhooks did not arrive within {limit}; {snapshot.Count} arrived.");
            }
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
