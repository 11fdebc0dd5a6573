using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Infrastructure;
using Outreach.Infrastructure.Data;

namespace Outreach.Bench;

/// <summary>
/// A console node's infrastructure in the benchmark's own process, configured as in production (team work logs
/// in as the application role) but without the web host, the scheduler, seeding or the outbound dispatcher, so a
/// benchmark times exactly the service it calls. Warnings go to the console.
/// </summary>
public static class BenchHost
{
    public static IHost Build(
        string connectionString, string nodeName, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = connectionString,
            ["ConnectionStrings:OutreachApp"] = new NpgsqlConnectionStringBuilder(connectionString) { Username = DatabaseRoles.Application }.ConnectionString,
            ["Outreach:NodeName"] = nodeName,
            ["Outreach:Scheduler:Enabled"] = "false",
            ["Outreach:Seed:Enabled"] = "false",
            ["Outreach:Messaging:Queue:Enabled"] = "false",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddInfrastructure();
        services?.Invoke(builder.Services);
        return builder.Build();
    }
}
