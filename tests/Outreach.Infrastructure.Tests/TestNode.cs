using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Infrastructure;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Tests;

/// <summary>One console node's infrastructure (no web host) against a test database.</summary>
public static class TestNode
{
    public static IHost Build(string connectionString, string nodeName, bool scheduler = false, int heartbeatSeconds = 15, bool appLogin = true,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = connectionString,
            ["ConnectionStrings:OutreachApp"] = appLogin
                ? new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Username = "outreach_app" }.ConnectionString
                : null,
            ["Outreach:NodeName"] = nodeName,
            ["Outreach:Scheduler:Enabled"] = scheduler.ToString(),
            ["Outreach:Scheduler:HeartbeatSeconds"] = heartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Outreach:Scheduler:CheckInSeconds"] = "1",
            ["Outreach:Seed:Enabled"] = "false",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddInfrastructure();
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(string connectionString, string nodeName, bool scheduler = false, int heartbeatSeconds = 15, bool appLogin = true)
    {
        var host = Build(connectionString, nodeName, scheduler, heartbeatSeconds, appLogin);
        await OutreachDatabase.MigrateAsync(host.Services);
        await host.StartAsync();
        return host;
    }
}
