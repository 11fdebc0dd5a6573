using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Enrichment.Apollo;

namespace Outreach.Infrastructure.Enrichment;

public static class EnrichmentServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EnrichmentService"/> (scoped) and the providers, bound to <paramref name="section"/>
    /// (normally <c>configuration.GetSection(EnrichmentOptions.Section)</c>) and validated at start. The derived
    /// provider is always available; Apollo only when <c>Apollo:ApiKey</c> is set, so a paid provider is never
    /// reachable by accident. Expects <c>AddInfrastructure</c>'s <see cref="Microsoft.EntityFrameworkCore.DbContextOptions{TContext}"/>
    /// for <see cref="Data.OutreachDbContext"/> and the scoped <see cref="Tenancy.TenantScope"/>.
    /// </summary>
    public static IServiceCollection AddEnrichment(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<EnrichmentOptions>()
            .Bind(section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EnrichmentOptions>, EnrichmentOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<EnrichmentGate>();
        services.TryAddSingleton<DerivedEnrichmentProvider>();
        services.AddSingleton<IEnrichmentProvider>(sp => sp.GetRequiredService<DerivedEnrichmentProvider>());

        var apollo = section.GetSection(nameof(EnrichmentOptions.Apollo)).Get<ApolloOptions>() ?? new ApolloOptions();
        if (apollo.IsConfigured)
        {
            // Each attempt is bounded by the retry pipeline's AttemptTimeout; this is only a backstop.
            services.AddHttpClient(ApolloPeopleMatchProvider.HttpClientName, client => client.Timeout = TimeSpan.FromMinutes(2));
            services.TryAddSingleton<ApolloPeopleMatchProvider>();
            services.AddSingleton<IEnrichmentProvider>(sp => sp.GetRequiredService<ApolloPeopleMatchProvider>());
        }

        services.TryAddScoped<EnrichmentService>();
        return services;
    }
}
