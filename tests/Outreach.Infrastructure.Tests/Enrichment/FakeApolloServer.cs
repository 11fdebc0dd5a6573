using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outreach.Infrastructure.Tests.Enrichment;

/// <summary>One request as it arrived, with its JSON body parsed.</summary>
public sealed record ApolloCall(string Method, string Path, string? ApiKey, string? ContentType, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string? Field(string name) => Json[name]?.GetValue<string>();
}

/// <summary>A scripted answer: status, JSON body, extra headers.</summary>
public sealed record FakeAnswer(int Status, string? Json = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, speaking Apollo's people match. It refuses (400, and a
/// recorded violation) any request Apollo itself would not take as we mean it: another path or method, a missing
/// or wrong X-Api-Key, a field Apollo does not know, an empty field, or reveal_personal_emails not false. It counts
/// calls in flight, so tests can check the concurrency cap from the outside.
/// </summary>
public sealed class FakeApolloServer : IAsyncDisposable
{
    public const string ApiKey = "apollo-test-key-0123";
    public const string MatchPath = "/api/v1/people/match";

    private static readonly HashSet<string> KnownFields =
        ["first_name", "last_name", "name", "organization_name", "domain", "email", "linkedin_url", "reveal_personal_emails"];

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ApolloCall> calls = new();
    private readonly ConcurrentQueue<string> violations = new();
    private int inFlight;
    private int maxInFlight;

    private FakeApolloServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ApolloCall> Calls => calls.ToArray();

    public int CallCount => calls.Count;

    public IReadOnlyList<string> Violations => violations.ToArray();

    /// <summary>The most calls that were being answered at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>Answers the n-th well-formed call (0-based) with <paramref name="answer"/>; by default a match for
    /// whoever was asked about. <paramref name="delay"/> holds every answer back, to make calls overlap.</summary>
    public static async Task<FakeApolloServer> StartAsync(Func<ApolloCall, int, FakeAnswer>? answer = null, TimeSpan? delay = null)
    {
        answer ??= (call, _) => new FakeAnswer(200, MatchFor(call));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeApolloServer(app);
        var count = 0;

        app.Run(async context =>
        {
            var now = Interlocked.Increment(ref server.inFlight);
            InterlockedMax(ref server.maxInFlight, now);
            try
            {
                using var reader = new StreamReader(context.Request.Body);
                var call = new ApolloCall(
                    context.Request.Method,
                    context.Request.Path.Value ?? string.Empty,
                    context.Request.Headers["X-Api-Key"].FirstOrDefault(),
                    context.Request.ContentType,
                    await reader.ReadToEndAsync(context.RequestAborted));
                server.calls.Enqueue(call);

                if (Violation(call) is { } violation)
                {
                    server.violations.Enqueue(violation);
                    context.Response.StatusCode = 400;
                    await context.Response.WriteAsJsonAsync(new { error = violation }, context.RequestAborted);
                    return;
                }

                var scripted = answer(call, Interlocked.Increment(ref count) - 1);
                if (delay is { } wait)
                {
                    await Task.Delay(wait, context.RequestAborted);
                }
                context.Response.StatusCode = scripted.Status;
                foreach (var (name, value) in scripted.Headers ?? new Dictionary<string, string>())
                {
                    context.Response.Headers[name] = value;
                }
                if (scripted.Json is { } json)
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(json, context.RequestAborted);
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
            }
            finally
            {
                Interlocked.Decrement(ref server.inFlight);
            }
        });

        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return server;
    }

    /// <summary>A full Apollo person for whoever <paramref name="call"/> asked about (its e-mail, or one made from its name).</summary>
    public static string MatchFor(ApolloCall call) => Match(
        email: call.Field("email") ?? $"{(call.Field("first_name") ?? "someone").ToLowerInvariant()}@harborbakery.com");

    public static string Match(string email, string emailStatus = "verified") => JsonSerializer.Serialize(new
    {
        person = new
        {
            id = "64a7f0c2e1b2c3d4e5f60718",
            first_name = "Dana",
            last_name = "Reyes",
            name = "Dana Reyes",
            title = "Owner & Head Baker",
            email,
            email_status = emailStatus,
            linkedin_url = "http://www.linkedin.com/in/dana-reyes-bakery",
            organization = new
            {
                name = "Harbor Bakery",
                website_url = "http://www.harborbakery.com",
                estimated_num_employees = 14,
                annual_revenue = 1250000.0,
                industry = "food & beverages",
            },
            phone_numbers = new[] { new { raw_number = "(415) 867-0134", sanitized_number = "+14158670134", type = "work_direct" } },
        },
    });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static string? Violation(ApolloCall call)
    {
        if (call.Method != "POST" || call.Path != MatchPath)
        {
            return $"expected POST {MatchPath}, got {call.Method} {call.Path}";
        }
        if (call.ApiKey != ApiKey)
        {
            return $"X-Api-Key is '{call.ApiKey}'";
        }
        if (call.ContentType is null || !call.ContentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            return $"Content-Type is '{call.ContentType}'";
        }
        JsonObject body;
        try
        {
            body = call.Json;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return "the body is not a JSON object";
        }
        foreach (var (name, value) in body)
        {
            if (!KnownFields.Contains(name))
            {
                return $"unknown field '{name}'";
            }
            if (name == "reveal_personal_emails")
            {
                if (value?.GetValueKind() != JsonValueKind.False)
                {
                    return "reveal_personal_emails is not false";
                }
            }
            else if (value?.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetValue<string>()))
            {
                return $"'{name}' is not a non-empty string";
            }
        }
        return body.ContainsKey("reveal_personal_emails") ? null : "reveal_personal_emails is missing";
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
