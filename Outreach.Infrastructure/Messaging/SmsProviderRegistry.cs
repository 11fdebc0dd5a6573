namespace Outreach.Infrastructure.Messaging;

internal sealed class SmsProviderRegistry : ISmsProviderRegistry
{
    private readonly Dictionary<string, ISmsProvider> providers = new(StringComparer.OrdinalIgnoreCase);

    public SmsProviderRegistry(IEnumerable<ISmsProvider> registered)
    {
        foreach (var provider in registered)
        {
            if (!providers.TryAdd(provider.Name, provider))
            {
                throw new InvalidOperationException(
                    $"Two SMS providers are registered as '{provider.Name}' ({providers[provider.Name].GetType().Name} and {provider.GetType().Name}).");
            }
        }
    }

    public ISmsProvider Get(string name)
    {
        if (!providers.TryGetValue(name, out var provider))
        {
            throw new InvalidOperationException(
                $"No SMS provider is registered as '{name}'. Registered: {string.Join(", ", providers.Keys.Order(StringComparer.Ordinal))}.");
        }
        if (!IsConfigured(provider))
        {
            throw new InvalidOperationException(
                $"SMS provider '{name}' is not configured: set its credentials under {SmsProviderOptions.Section}.");
        }
        return provider;
    }

    public bool IsConfigured(string name) => providers.TryGetValue(name, out var provider) && IsConfigured(provider);

    private static bool IsConfigured(ISmsProvider provider) => provider is not IConfigurableSmsProvider configurable || configurable.IsConfigured;
}
