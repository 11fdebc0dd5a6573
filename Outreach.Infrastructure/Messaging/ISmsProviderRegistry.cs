namespace Outreach.Infrastructure.Messaging;

/// <summary>Finds a provider by name.</summary>
public interface ISmsProviderRegistry
{
    /// <summary>The provider called <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">No such provider is registered, or it has no credentials.</exception>
    ISmsProvider Get(string name);

    /// <summary>True when a provider of that name is registered and has its credentials.</summary>
    bool IsConfigured(string name);
}
