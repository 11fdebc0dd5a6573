using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>The default <see cref="ISimulatorSigningKey"/>: <see cref="SimulatorOptions.SigningKey"/>.</summary>
public sealed class ConfiguredSimulatorSigningKey(IOptionsMonitor<SimulatorOptions> options) : ISimulatorSigningKey
{
    public ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var key = options.CurrentValue.SigningKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException(
                $"The SMS simulator has no key to sign webhooks with: set {SimulatorOptions.Section}:SigningKey, "
                + "or register an ISimulatorSigningKey that supplies it.");
        }
        return ValueTask.FromResult(key);
    }
}
