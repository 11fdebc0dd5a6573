using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outreach.BrowserTests;

/// <summary>
/// A stand-in for Twilio's Messages resource on 127.0.0.1: it records every accepted send, answers the
/// message search the way Twilio does, and can be told to accept sends but hold the answer back (so the
/// sender can be killed after the provider has the message but before the sender knows it).
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "ACfake00000000000000000000000000";
    public const string AuthToken = "fake-auth-token";

    private readonly ConcurrentDictionary<string, Accepted> _accepted = new();
    private readonly ConcurrentBag<string> _bodiesReceived = [];
    private WebApplication? _app;
    private int _sequence;

    /// <summary>From this many accepted sends on, answers are held back until <see cref="ReleaseHeld"/>.</summary>
    public int HoldAnswersAfter { get; set; } = int.MaxValue;

    public string BaseUrl { get; private set; } = "";
    public int SendRequests => _bodiesReceived.Count;
    public IReadOnlyCollection<string> BodiesReceived => _bodiesReceived;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseHeld() => _release.TrySetResult();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var body = form["Body"].ToString();
            _bodiesReceived.Add(body);
            var number = Interlocked.Increment(ref _sequence);
            var messageSid = $"SM{number:D32}";
            _accepted[messageSid] = new Accepted(messageSid, form["To"].ToString(), form["From"].ToString(), body, DateTimeOffset.UtcNow);
            if (number > HoldAnswersAfter)
            {
                await _release.Task.WaitAsync(http.RequestAborted);
            }
            return Results.Json(Message(_accepted[messageSid]), statusCode: 201);
        });
        _app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", (HttpContext http) =>
        {
            var to = http.Request.Query["To"].ToString();
            var from = http.Request.Query["From"].ToString();
            var matches = _accepted.Values.Where(a => a.To == to && a.From == from).Select(Message).ToList();
            return Results.Json(new { messages = matches, next_page_uri = (string?)null });
        });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private static object Message(Accepted a) => new
    {
        sid = a.Sid,
        status = "queued",
        direction = "outbound-api",
        to = a.To,
        from = a.From,
        body = a.Body,
        num_segments = "1",
        date_created = a.At.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture),
    };

    public async ValueTask DisposeAsync()
    {
        ReleaseHeld();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private sealed record Accepted(string Sid, string To, string From, string Body, DateTimeOffset At);
}
