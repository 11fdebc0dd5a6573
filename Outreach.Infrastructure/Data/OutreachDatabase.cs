using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Infrastructure.Seeding;
using Outreach.Infrastructure.Tenancy;
using Quartz;

namespace Outreach.Infrastructure.Data;

public static class OutreachDatabase
{
    /// <summary>The owner's connection: migrations, the scheduler, the event bridge, work across teams.</summary>
    public const string ConnectionStringName = "Outreach";

    /// <summary>Optional: team-scoped work logs in as the application role itself (recommended).</summary>
    public const string AppConnectionStringName = "OutreachApp";

    internal static void Configure(DbContextOptionsBuilder builder, NpgsqlDataSource dataSource) =>
        builder
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            // Migrations are written by hand (EF's design-time package is unavailable); a test compares
            // the migrated schema with this model instead of a model snapshot.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>
    /// Applies migrations as the connecting (owner) role. Nodes started together take turns under a
    /// session advisory lock: EF's own lock covers one migration at a time, so a node that read the
    /// pending list before another finished would apply the same migration again.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", MigrationLockKey);
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        var builder = new DbContextOptionsBuilder<OutreachDbContext>();
        Configure(builder, dataSource);
        await using var db = new OutreachDbContext(builder.Options, TenantScope.System);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OutreachDatabase))
                .LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, pending);
        }
        await db.Database.MigrateAsync(cancellationToken);
        await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
        release.Parameters.AddWithValue("key", MigrationLockKey);
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>An arbitrary constant shared by every node: "outreach migrations".</summary>
    private const long MigrationLockKey = 0x6f75_7472_6d69_6772;

    /// <summary>Migrates, then runs the first-run seeding: what every node does before it serves.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (services.GetRequiredService<TenantDatabase>().SwitchesRole)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OutreachDatabase)).LogWarning(
                "ConnectionStrings:{Name} is not set: team-scoped work switches to the {Role} role inside the owner's session. " +
                "That binds every query the console writes, but not SQL injected into one. Set it to log in as {Role} itself.",
                AppConnectionStringName, DatabaseRoles.Application, DatabaseRoles.Application);
        }
        await MigrateAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InitialSeeder>().SeedAsync(cancellationToken);
    }

    /// <summary>Quartz's own PostgreSQL schema script, shipped inside the Quartz package.</summary>
    internal static string QuartzSchemaScript()
    {
        const string name = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The Quartz package no longer embeds {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
