using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Settings;

namespace Outreach.Infrastructure.Messaging;

/// <summary>
/// The key each provider signs its webhooks with: Twilio's auth token, SignalHouse's webhook secret, and
/// the simulator's key. The simulator's is generated once per installation and kept in the database, so
/// every node signs and checks with the same one and no demo key is ever written into configuration.
/// </summary>
public sealed class WebhookSecrets(IOptions<SmsProviderOptions> providers, ISystemDbContextFactory systemContexts, NpgsqlDataSource ownerDatabase)
    : Simulator.ISimulatorSigningKey
{
    private string? _simulatorKey;

    public async ValueTask<string?> ForAsync(string provider, CancellationToken cancellationToken) => provider switch
    {
        SmsProviderNames.Twilio => NullIfEmpty(providers.Value.Twilio.AuthToken),
        SmsProviderNames.SignalHouse => NullIfEmpty(providers.Value.SignalHouse.WebhookSecret),
        SmsProviderNames.Simulator => await SimulatorKeyAsync(cancellationToken),
        _ => null,
    };

    public async ValueTask<string> SimulatorKeyAsync(CancellationToken cancellationToken)
    {
        if (_simulatorKey is { } known)
        {
            return known;
        }
        await using (var command = ownerDatabase.CreateCommand(
            "INSERT INTO installation_settings (key, value, updated_at) VALUES (@key, @value, now()) ON CONFLICT (key) DO NOTHING"))
        {
            command.Parameters.AddWithValue("key", InstallationSetting.SimulatorSigningKey);
            command.Parameters.AddWithValue("value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var db = systemContexts.CreateDbContext();
        // Whichever node inserted first, every node reads the same key back.
        return _simulatorKey = await db.Set<InstallationSetting>().AsNoTracking()
            .Where(s => s.Key == InstallationSetting.SimulatorSigningKey).Select(s => s.Value).SingleAsync(cancellationToken);
    }

    ValueTask<string> Simulator.ISimulatorSigningKey.GetAsync(CancellationToken cancellationToken) => SimulatorKeyAsync(cancellationToken);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
