using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Simulator;

namespace Outreach.Infrastructure.Tests.Messaging.Simulator;

/// <summary>
/// The simulator as a host runs it (AddSmsSimulator and its hosted service), posting to a
/// <see cref="WebhookReceiver"/>. Defaults keep tests fast and exact: no delays, no failures, no replies,
/// a fixed seed, retries 10 ms apart; each test turns on what it examines.
/// </summary>
public sealed class SimulatorTestHost : IAsyncDisposable
{
    public const string SigningKey = "simulator-test-signing-key";
    public const string Sender = "+15005550006";

    private readonly IHost host;

    private SimulatorTestHost(IHost host, RecordingLoggerProvider logs)
    {
        this.host = host;
        Logs = logs;
    }

    public RecordingLoggerProvider Logs { get; }

    public SimulatorSmsProvider Provider => host.Services.GetRequiredService<SimulatorSmsProvider>();

    public ISimulatorControl Control => host.Services.GetRequiredService<ISimulatorControl>();

    public static async Task<SimulatorTestHost> StartAsync(
        Uri? consoleBaseUrl, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["PublicBaseUrl"] = consoleBaseUrl?.ToString(),
            ["SigningKey"] = SigningKey,
            ["Seed"] = "1234",
            ["DelayScale"] = "0",
            ["FailureRate"] = "0",
            ["ReplyRate"] = "0",
            ["WebhookRetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new RecordingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSmsSimulator(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new SimulatorTestHost(host, logs);
    }

    /// <summary>A send to a recipient numbered <paramref name="n"/>, with an idempotency key of its own.</summary>
    public static ProviderSendRequest Request(int n, Uri? statusCallback = null, string? body = null) => new(
        MessageId: Guid.NewGuid(),
        From: Sender,
        To: $"+1415555{n:D4}",
        Body: body ?? $"Hi, this is Sam from Harbor Brokers. Still thinking about selling the bakery? Reply STOP to opt out. #{n}",
        StatusCallback: statusCallback,
        IdempotencyKey: $"msg-{n}");

    public async Task<ProviderSendResult> SendAsync(ProviderSendRequest request)
    {
        var result = await Provider.SendAsync(request, CancellationToken.None);
        Assert.True(result.Accepted, $"The simulator refused {request.IdempotencyKey}: {result.ErrorCode} {result.ErrorMessage}");
        return result;
    }

    /// <summary>Waits until every callback and reply of the sends so far has been posted or given up on.</summary>
    public async Task WaitUntilIdleAsync(TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (Control.PendingSends > 0)
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"The simulator still had {Control.PendingSends} send(s) to report after {limit}.");
            }
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
