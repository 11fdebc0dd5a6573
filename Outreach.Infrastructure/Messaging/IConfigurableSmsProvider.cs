namespace Outreach.Infrastructure.Messaging;

/// <summary>A provider that needs credentials. Providers that need none (the simulator) need not implement it.</summary>
public interface IConfigurableSmsProvider : ISmsProvider
{
    /// <summary>True when its credentials are present in configuration.</summary>
    bool IsConfigured { get; }
}
