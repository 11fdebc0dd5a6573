using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Outreach.Infrastructure.Tests.Messaging;

/// <summary>What the provider under test sent, byte for byte.</summary>
public sealed record RecordedRequest(string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public Dictionary<string, StringValues> Form() => QueryHelpers.ParseQuery(Body);

    public Dictionary<string, StringValues> Query() => QueryHelpers.ParseQuery(QueryString);
}

/// <summary>A scripted answer: status, JSON body, extra headers, and an optional delay before answering.</summary>
public sealed record StubResponse(int Status, string? Json = null, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null);

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, standing in for a provider's API: it records every
/// request and answers from a script, so tests assert exactly what went over the wire.
/// </summary>
public sealed class StubProviderServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private StubProviderServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    public RecordedRequest Single() => Assert.Single(Requests);

    /// <summary>Answers the n-th request (0-based) with <paramref name="respond"/>(request, n).</summary>
    public static async Task<StubProviderServer> StartAsync(Func<RecordedRequest, int, StubResponse> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new StubProviderServer(app);
        var count = 0;

        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body);
            server.requests.Enqueue(recorded);

            var answer = respond(recorded, Interlocked.Increment(ref count) - 1);
            if (answer.Delay is { } delay)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }
            if (answer.Json is { } json)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json, context.RequestAborted);
            }
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Answers every request the same way.</summary>
    public static Task<StubProviderServer> StartAsync(StubResponse response) => StartAsync((_, _) => response);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
