using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Enrichment;
using Outreach.Infrastructure.Enrichment.Apollo;

namespace Outreach.Infrastructure.Tests.Enrichment;

public class EnrichmentRegistrationTests
{
    [Fact]
    public void Without_an_api_key_apollo_is_not_registered_and_derived_is_the_default()
    {
        using var services = EnrichmentTestHost.Build(new Dictionary<string, string?> { ["Apollo:BaseUrl"] = "http://127.0.0.1:9" });

        var provider = Assert.Single(services.GetServices<IEnrichmentProvider>());
        Assert.Equal("derived", provider.Name);
        Assert.Null(services.GetService<ApolloPeopleMatchProvider>());
        Assert.Equal("derived", services.GetRequiredService<IOptions<EnrichmentOptions>>().Value.Provider);
    }

    [Fact]
    public void With_an_api_key_apollo_is_available_with_the_default_settings()
    {
        using var services = EnrichmentTestHost.Build(new Dictionary<string, string?> { ["Apollo:ApiKey"] = "key" });

        Assert.Equal(["derived", "apollo"], services.GetServices<IEnrichmentProvider>().Select(p => p.Name));
        var options = services.GetRequiredService<IOptions<EnrichmentOptions>>().Value;
        Assert.Equal(("derived", 30, 4, 60), (options.Provider, options.ReuseDays, options.MaxConcurrency, options.RequestsPerMinute));
        Assert.Equal(("https://api.apollo.io", 0.03m), (options.Apollo.BaseUrl, options.Apollo.CostPerMatch));
    }

    [Theory]
    [InlineData("Provider", "apollo", "Outreach:Enrichment:Apollo:ApiKey is not set")]
    [InlineData("Provider", "clearbit", "Outreach:Enrichment:Provider must be 'derived' or 'apollo'")]
    [InlineData("ReuseDays", "0", "Outreach:Enrichment:ReuseDays must be between 1")]
    [InlineData("MaxConcurrency", "0", "Outreach:Enrichment:MaxConcurrency must be between 1")]
    [InlineData("RequestsPerMinute", "0", "Outreach:Enrichment:RequestsPerMinute must be between 1")]
    [InlineData("Apollo:BaseUrl", "api.apollo.io", "Outreach:Enrichment:Apollo:BaseUrl must be an absolute http(s) URL")]
    public void A_setting_that_cannot_work_fails_validation_naming_it(string key, string value, string message)
    {
        using var services = EnrichmentTestHost.Build(new Dictionary<string, string?> { [key] = value });

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EnrichmentOptions>>().Value);

        Assert.Contains(message, exception.Message);
    }

    [Fact]
    public async Task AddEnrichment_composes_with_AddInfrastructure()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Nothing here connects: the derived provider needs no database.
            ["ConnectionStrings:Outreach"] = "Host=127.0.0.1;Port=9;Database=unused;Username=outreach",
            ["Outreach:Scheduler:Enabled"] = "false",
            ["Outreach:Enrichment:Apollo:ApiKey"] = "key",
        });
        builder.Logging.ClearProviders();
        builder.AddInfrastructure();
        builder.Services.AddEnrichment(builder.Configuration.GetSection(EnrichmentOptions.Section));
        using var host = builder.Build();

        // Infrastructure alone cannot validate on build (sign-in needs the web host's authentication), so the
        // service is resolved instead: that builds its whole graph from what AddInfrastructure registered.
        await using var scope = host.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<EnrichmentService>();
        var result = await service.EnrichAsync(Guid.NewGuid(), new EnrichmentRequest(null, null, null, null, "dana@harborbakery.com", null, null, null, null, null), default);

        Assert.Equal("derived", service.ProviderName);
        Assert.Equal("harborbakery.com", result.Website);
    }
}
