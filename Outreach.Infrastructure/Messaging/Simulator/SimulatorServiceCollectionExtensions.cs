using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Messaging.Simulator;

public static class SimulatorServiceCollectionExtensions
{
    // Per attempt; the console answers a webhook in milliseconds, and a stuck one must not hold a slot long.
    private static readonly TimeSpan WebhookTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Registers the SMS simulator as the <see cref="ISmsProvider"/> named "simulator", its
    /// <see cref="ISimulatorControl"/>, and the hosted service that posts its webhooks, bound to
    /// <paramref name="simulatorSection"/> (normally <c>configuration.GetSection(SimulatorOptions.Section)</c>).
    /// When Enabled is false only the options are registered.
    /// <see cref="ISimulatorEndpoint"/> and <see cref="ISimulatorSigningKey"/> default to the configured
    /// PublicBaseUrl and SigningKey; register your own, before or after this call, to supply them at run time.
    /// Calling it twice registers nothing more.
    /// </summary>
    public static IServiceCollection AddSmsSimulator(this IServiceCollection services, IConfiguration simulatorSection)
    {
        // ImplementationType throws on keyed descriptors, which other libraries may have registered.
        if (services.Any(d => !d.IsKeyedService && d.ImplementationType == typeof(SimulatorOptionsValidator)))
        {
            return services;
        }

        services.AddOptions<SimulatorOptions>()
            .Bind(simulatorSection)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());
        if (!simulatorSection.GetValue(nameof(SimulatorOptions.Enabled), defaultValue: true))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISimulatorEndpoint, ConfiguredSimulatorEndpoint>();
        services.TryAddSingleton<ISimulatorSigningKey, ConfiguredSimulatorSigningKey>();

        services.AddHttpClient(SmsProviderNames.Simulator, client => client.Timeout = WebhookTimeout)
            // Twilio does not follow a redirect with a POST, and HttpClient would turn it into a GET.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        services.AddSingleton<SimulatorReplyWriter>();
        services.AddSingleton<SimulatorOutcomePlanner>();
        services.AddSingleton<SimulatorWebhookQueue>();
        services.AddSingleton<SimulatorWebhookSender>();
        // The constructor is internal (it takes the simulator's internal parts), so the container is told how to call it.
        services.AddSingleton(sp => new SimulatorSmsProvider(
            sp.GetRequiredService<IOptions<SimulatorOptions>>(),
            sp.GetRequiredService<SimulatorOutcomePlanner>(),
            sp.GetRequiredService<SimulatorReplyWriter>(),
            sp.GetRequiredService<SimulatorWebhookQueue>(),
            sp.GetRequiredService<SimulatorWebhookSender>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SimulatorSmsProvider>>()));
        services.AddSingleton<ISmsProvider>(sp => sp.GetRequiredService<SimulatorSmsProvider>());
        services.AddSingleton<ISimulatorControl>(sp => sp.GetRequiredService<SimulatorSmsProvider>());
        services.AddHostedService<SimulatorWebhookPump>();
        return services;
    }
}
