using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outreach.BrowserTests;

/// <summary>A webhook receiver on 127.0.0.1 that keeps every request and answers 200.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private WebApplication? _app;

    public string Url { get; private set; } = "";
    public IReadOnlyList<Received> Requests => _received.ToArray();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks/outreach", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            _received.Enqueue(new Received(http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), body));
            return Results.Ok(new { received = true });
        });
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/hooks/outreach";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public sealed record Received(string Id, string Timestamp, string Signature, string Body)
    {
        /// <summary>Standard Webhooks verification, written from the specification: any "v1," signature may match.</summary>
        public bool IsSignedWith(string secret)
        {
            var expected = HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}"));
            return Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Any(s => s.StartsWith("v1,", StringComparison.Ordinal) && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(s[3..]), expected));
        }
    }
}
