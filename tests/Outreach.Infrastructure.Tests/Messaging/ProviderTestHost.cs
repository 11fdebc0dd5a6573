using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Infrastructure.Messaging;

namespace Outreach.Infrastructure.Tests.Messaging;

/// <summary>The providers as the application wires them (AddSmsProviders), from in-memory settings.</summary>
public static class ProviderTestHost
{
    /// <summary>Retry settings that keep tests fast: three retries a few milliseconds apart.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastRetries = new Dictionary<string, string?>
    {
        ["Retry:MaxRetryAttempts"] = "3",
        ["Retry:BaseDelay"] = "00:00:00.010",
        ["Retry:MaxDelay"] = "00:00:00.050",
        ["Retry:MaxRetryAfter"] = "00:00:02",
        ["Retry:AttemptTimeout"] = "00:00:05",
        ["Retry:RescheduleAfter"] = "00:00:42",
    };

    public static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        var merged = new Dictionary<string, string?>(FastRetries);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders());
        services.AddSmsProviders(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static ProviderSendRequest Request(Uri? statusCallback = null) => new(
        MessageId: Guid.Parse("3f2b8c1e-5d4a-4e2f-9a7b-1c2d3e4f5a6b"),
        From: "+15005550006",
        To: "+14155552671",
        Body: "Hi Dana, this is Sam from Harbor Brokers. Still thinking about selling the bakery? Reply STOP to opt out.",
        StatusCallback: statusCallback,
        IdempotencyKey: "msg-3f2b8c1e5d4a4e2f9a7b1c2d3e4f5a6b");
}
