using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Messaging;

namespace Outreach.Infrastructure.Tests.Messaging;

public class SmsProviderRegistryTests
{
    private sealed class StubSimulator : ISmsProvider
    {
        public string Name => SmsProviderNames.Simulator;

        public Task<ProviderSendResult> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(ProviderSendResult.Sent("SIM1"));

        public Task<string?> FindPreviousSendAsync(ProviderSendRequest request, DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<string?>(null);
    }

    [Fact]
    public void Providers_with_credentials_are_configured_and_handed_out_by_name()
    {
        using var services = ProviderTestHost.Build(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = "AC1",
            ["Twilio:AuthToken"] = "token",
        });
        var registry = services.GetRequiredService<ISmsProviderRegistry>();

        Assert.True(registry.IsConfigured("twilio"));
        Assert.Equal(SmsProviderNames.Twilio, registry.Get("twilio").Name);
        Assert.Equal(SmsProviderNames.Twilio, registry.Get("Twilio").Name);
    }

    [Fact]
    public void A_provider_without_credentials_is_registered_but_not_configured_and_not_handed_out()
    {
        using var services = ProviderTestHost.Build(new Dictionary<string, string?>());
        var registry = services.GetRequiredService<ISmsProviderRegistry>();

        Assert.False(registry.IsConfigured(SmsProviderNames.SignalHouse));
        var exception = Assert.Throws<InvalidOperationException>(() => registry.Get(SmsProviderNames.SignalHouse));
        Assert.Contains("Outreach:Messaging", exception.Message);
    }

    [Fact]
    public void An_unknown_name_is_not_configured_and_names_the_registered_ones()
    {
        using var services = ProviderTestHost.Build(new Dictionary<string, string?>());
        var registry = services.GetRequiredService<ISmsProviderRegistry>();

        Assert.False(registry.IsConfigured("nexmo"));
        var exception = Assert.Throws<InvalidOperationException>(() => registry.Get("nexmo"));
        Assert.Contains("signalhouse, twilio", exception.Message);
    }

    [Fact]
    public void A_provider_that_needs_no_credentials_is_always_configured()
    {
        var registry = new SmsProviderRegistry([new StubSimulator()]);

        Assert.True(registry.IsConfigured(SmsProviderNames.Simulator));
        Assert.IsType<StubSimulator>(registry.Get(SmsProviderNames.Simulator));
    }

    [Fact]
    public void Two_providers_with_one_name_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new SmsProviderRegistry([new StubSimulator(), new StubSimulator()]));
    }

    [Fact]
    public void A_half_configured_provider_fails_validation_naming_the_missing_setting()
    {
        using var services = ProviderTestHost.Build(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = "AC1",
            ["SignalHouse:ApiToken"] = "sh_token",
            ["SignalHouse:BaseUrl"] = "not a url",
        });

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmsProviderOptions>>().Value);

        Assert.Contains(exception.Failures, f => f.StartsWith("Outreach:Messaging:Twilio:AuthToken is not set"));
        Assert.Contains(exception.Failures, f => f.StartsWith("Outreach:Messaging:SignalHouse:GroupId is not set"));
        Assert.Contains(exception.Failures, f => f.StartsWith("Outreach:Messaging:SignalHouse:WebhookSecret is not set"));
        Assert.Contains(exception.Failures, f => f.StartsWith("Outreach:Messaging:SignalHouse:BaseUrl must be an absolute http(s) URL"));
    }

    [Fact]
    public void No_provider_configured_is_valid_because_the_simulator_is_the_default()
    {
        using var services = ProviderTestHost.Build(new Dictionary<string, string?>());

        var options = services.GetRequiredService<IOptions<SmsProviderOptions>>().Value;

        Assert.False(options.Twilio.IsConfigured);
        Assert.False(options.SignalHouse.IsConfigured);
        Assert.Equal("https://api.twilio.com", options.Twilio.BaseUrl);
    }
}
