using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Messaging.SignalHouse;
using Outreach.Infrastructure.Messaging.Twilio;

namespace Outreach.Infrastructure.Messaging;

public static class SmsProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Twilio and SignalHouse providers and <see cref="ISmsProviderRegistry"/>, bound to
    /// <paramref name="messagingSection"/> (normally <c>configuration.GetSection(SmsProviderOptions.Section)</c>).
    /// Both providers are always registered; <see cref="ISmsProviderRegistry.IsConfigured"/> tells whether their
    /// credentials are present. Other providers (the simulator) register as <see cref="ISmsProvider"/> singletons.
    /// </summary>
    public static IServiceCollection AddSmsProviders(this IServiceCollection services, IConfiguration messagingSection)
    {
        services.AddOptions<SmsProviderOptions>()
            .Bind(messagingSection)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsProviderOptions>, SmsProviderOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // One named client per provider (the name is the provider's). Each attempt is bounded by the retry
        // pipeline's AttemptTimeout; this is only a backstop.
        foreach (var name in new[] { SmsProviderNames.Twilio, SmsProviderNames.SignalHouse })
        {
            services.AddHttpClient(name, client => client.Timeout = TimeSpan.FromMinutes(2));
        }

        services.TryAddSingleton<TwilioSmsProvider>();
        services.TryAddSingleton<SignalHouseSmsProvider>();
        services.AddSingleton<ISmsProvider>(sp => sp.GetRequiredService<TwilioSmsProvider>());
        services.AddSingleton<ISmsProvider>(sp => sp.GetRequiredService<SignalHouseSmsProvider>());
        services.TryAddSingleton<ISmsProviderRegistry, SmsProviderRegistry>();
        return services;
    }
}
