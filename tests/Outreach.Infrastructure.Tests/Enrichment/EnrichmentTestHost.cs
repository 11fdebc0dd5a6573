using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Enrichment;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Tests.Enrichment;

/// <summary>
/// One node's enrichment as AddEnrichment wires it, over the fixture's database: each call builds a node with its
/// own gate (its own single-flight table, slots and rate limiter), so two calls make two nodes.
/// </summary>
public static class EnrichmentTestHost
{
    /// <summary>Apollo pointed at <paramref name="apollo"/>, with retries a few milliseconds apart.</summary>
    public static Dictionary<string, string?> ApolloSettings(FakeApolloServer apollo) => new()
    {
        ["Provider"] = EnrichmentProviderNames.Apollo,
        ["Apollo:ApiKey"] = FakeApolloServer.ApiKey,
        ["Apollo:BaseUrl"] = apollo.BaseUrl.ToString(),
        ["Apollo:MaxRetryAttempts"] = "3",
        ["Apollo:RetryBaseDelay"] = "00:00:00.010",
        ["Apollo:RetryMaxDelay"] = "00:00:00.050",
        ["Apollo:AttemptTimeout"] = "00:00:05",
    };

    public static ServiceProvider Build(IDictionary<string, string?> settings, DatabaseFixture? database = null, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders());
        if (database is not null)
        {
            // What AddInfrastructure provides: the team-scoped context options and the request's tenant scope.
            services.AddSingleton(database.Services.GetRequiredService<DbContextOptions<OutreachDbContext>>());
        }
        services.AddScoped<TenantScope>();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        services.AddEnrichment(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = database is not null, ValidateScopes = true });
    }

    public static async Task<Guid> CreateTeamAsync(DatabaseFixture database)
    {
        await using var db = database.SystemContext();
        var team = Team.Create($"Enrichment team {Guid.NewGuid():N}", "America/Chicago", TimeProvider.System);
        db.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }
}
