using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Simulator;

namespace Outreach.Infrastructure.Tests.Messaging.Simulator;

public class SimulatorRegistrationTests
{
    private sealed class FixedEndpoint(Uri baseUrl) : ISimulatorEndpoint
    {
        public Uri BaseUrl => baseUrl;
    }

    private sealed class FixedSigningKey(string key) : ISimulatorSigningKey
    {
        public ValueTask<string> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(key);
    }

    private static ServiceProvider Build(IDictionary<string, string?> simulator, bool twice = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(simulator).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders());
        services.AddSmsProviders(new ConfigurationBuilder().Build());
        services.AddSmsSimulator(configuration);
        if (twice)
        {
            services.AddSmsSimulator(configuration);
        }
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void The_registry_finds_the_simulator_by_its_name_even_when_it_was_added_twice()
    {
        using var services = Build(new Dictionary<string, string?>(), twice: true);

        var registry = services.GetRequiredService<ISmsProviderRegistry>();

        Assert.IsType<SimulatorSmsProvider>(registry.Get(SmsProviderNames.Simulator));
        Assert.Same(registry.Get(SmsProviderNames.Simulator), services.GetRequiredService<ISimulatorControl>());
        Assert.Single(services.GetServices<IHostedService>());
    }

    [Fact]
    public void A_disabled_simulator_is_not_registered()
    {
        using var services = Build(new Dictionary<string, string?> { ["Enabled"] = "false", ["FailureRate"] = "7" });

        Assert.False(services.GetRequiredService<ISmsProviderRegistry>().IsConfigured(SmsProviderNames.Simulator));
        Assert.Null(services.GetService<ISimulatorControl>());
        Assert.Empty(services.GetServices<IHostedService>());
        Assert.False(services.GetRequiredService<IOptions<SimulatorOptions>>().Value.Enabled);
    }

    [Fact]
    public void Defaults_match_the_documented_demo_behaviour()
    {
        using var services = Build(new Dictionary<string, string?>());

        var options = services.GetRequiredService<IOptions<SimulatorOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal((0.02, 0.12, 1.0, 0.0079m), (options.FailureRate, options.ReplyRate, options.DelayScale, options.PricePerSegment));
        Assert.Null(options.Seed);
        Assert.Equal(32, options.MaxConcurrentWebhooks);
    }

    [Fact]
    public void Invalid_settings_fail_with_the_name_of_each_setting_at_fault()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["FailureRate"] = "1.5",
            ["ReplyRate"] = "-0.1",
            ["DelayScale"] = "-1",
            ["PricePerSegment"] = "-0.01",
            ["PublicBaseUrl"] = "ftp://127.0.0.1/",
            ["MaxConcurrentWebhooks"] = "0",
            ["WebhookAttempts"] = "11",
            ["Personas:Angry"] = "1",
            ["Personas:OptOut"] = "-2",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SimulatorOptions>>().Value);

        foreach (var key in new[] { "FailureRate", "ReplyRate", "DelayScale", "PricePerSegment", "PublicBaseUrl", "MaxConcurrentWebhooks", "WebhookAttempts", "Personas:Angry", "Personas:OptOut" })
        {
            Assert.Contains(error.Failures, f => f.StartsWith($"Outreach:Messaging:Simulator:{key} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Silencing_every_persona_while_replies_are_on_is_refused()
    {
        var silent = SimulatorPersona.Defaults.ToDictionary(p => $"Personas:{p.Name}", _ => (string?)"0");
        using var services = Build(silent);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SimulatorOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Outreach:Messaging:Simulator:Personas gives every persona a weight of 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_default_endpoint_and_signing_key_name_the_setting_to_fill_in()
    {
        using var services = Build(new Dictionary<string, string?>());

        var endpoint = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ISimulatorEndpoint>().BaseUrl);
        var key = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await services.GetRequiredService<ISimulatorSigningKey>().GetAsync(CancellationToken.None));

        Assert.Contains("Outreach:Messaging:Simulator:PublicBaseUrl", endpoint.Message);
        Assert.Contains("Outreach:Messaging:Simulator:SigningKey", key.Message);
    }

    [Fact]
    public async Task An_endpoint_and_signing_key_registered_by_the_host_replace_the_configured_ones()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(
            consoleBaseUrl: null,
            new Dictionary<string, string?> { ["SigningKey"] = null },
            services =>
            {
                services.AddSingleton<ISimulatorEndpoint>(new FixedEndpoint(receiver.BaseUrl));
                services.AddSingleton<ISimulatorSigningKey>(new FixedSigningKey("key-from-the-database"));
            });

        await host.Control.SimulateInboundAsync("+14155550123", SimulatorTestHost.Sender, "who is this?", CancellationToken.None);

        var inbound = Assert.Single(receiver.Received);
        Assert.True(inbound.IsSignedWith("key-from-the-database"));
        Assert.False(inbound.IsSignedWith(SimulatorTestHost.SigningKey));
    }
}
