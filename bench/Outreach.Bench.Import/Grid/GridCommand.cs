using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Prospects;
using Outreach.Infrastructure.Tenancy;

using Outreach.Bench;

namespace Outreach.Bench.Import.Grid;

/// <summary>
/// Times the prospect grid's query, <see cref="ProspectService.GetPageAsync"/> (first page of 50, newest first,
/// with its capped count), as a console node runs it: same composition root, team-scoped connection, row-level
/// security. What is measured is the server's time for one page; rendering and the circuit are not included.
/// </summary>
public static class GridCommand
{
    private const int PageSize = 50;
    private const string DefaultTag = "bench-hot";

    /// <summary>On every prospect in California, Florida and New York: about 25% of the generated files.</summary>
    private const string CommonTag = "bench-common";

    public static async Task<int> RunAsync(CommandLine options, CancellationToken cancellationToken)
    {
        var connectionString = options.Required("connection");
        var slug = options.Required("team-slug");
        var iterations = options.Int("iterations", 20);
        var warmup = options.Int("warmup", 3);
        var tag = options.Optional("tag") ?? DefaultTag;

        using var host = BenchHost.Build(connectionString, "bench-grid");
        await host.StartAsync(cancellationToken);
        try
        {
            var team = await FindTeamAsync(host.Services, slug, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
            var prospects = scope.ServiceProvider.GetRequiredService<ProspectService>();

            var sample = await SampleAsync(host.Services, team, cancellationToken);
            var search = options.Optional("search") ?? sample.Surname;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"grid: team {slug} has {sample.Prospects:N0} prospects; sector \"{sample.Sector}\", search \"{search}\", tag \"{tag}\""));
            await EnsureTaggedAsync(prospects, tag, ["TX"], cancellationToken);
            await EnsureTaggedAsync(prospects, CommonTag, ["CA", "FL", "NY"], cancellationToken);
            await AnalyzeAsync(host.Services, cancellationToken);

            var cases = new (string Name, ProspectFilter Filter)[]
            {
                ("no_filter", ProspectFilter.All),
                ("state_CA", new ProspectFilter { States = ["CA"] }),
                ("sector_revenue", new ProspectFilter { Sectors = [sample.Sector], RevenueTiers = [RevenueTier.MainStreet, RevenueTier.Growth] }),
                ("score70_email", new ProspectFilter { MinScore = 70, HasEmail = true }),
                ("search_surname", new ProspectFilter { Search = search }),
                ("tag", new ProspectFilter { Tags = [tag] }),
                ("tag_25pct", new ProspectFilter { Tags = [CommonTag] }),
            };

            foreach (var (_, filter) in cases)
            {
                for (var i = 0; i < warmup; i++)
                {
                    await prospects.GetPageAsync(filter, ProspectSort.Newest, 0, PageSize, cancellationToken);
                }
            }
            foreach (var (name, filter) in cases)
            {
                var times = new List<double>(iterations);
                ProspectPage? page = null;
                for (var i = 0; i < iterations; i++)
                {
                    var stopwatch = Stopwatch.StartNew();
                    page = await prospects.GetPageAsync(filter, ProspectSort.Newest, 0, PageSize, cancellationToken);
                    times.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"RESULT grid case={name} iterations={iterations} median_ms={Percentile(times, 50):0.0} p95_ms={Percentile(times, 95):0.0} " +
                    $"max_ms={times[^1]:0.0} rows={page!.Rows.Count} total={page.Total}{(page.MoreThanTotal ? "+" : "")}"));
            }
            return 0;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<Guid> FindTeamAsync(IServiceProvider services, string slug, CancellationToken cancellationToken)
    {
        await using var db = services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        return await db.Teams.AsNoTracking().Where(t => t.Slug == slug).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new BenchmarkException($"No team with the slug '{slug}'.");
    }

    private sealed record Sample(long Prospects, string Sector, string Surname);

    /// <summary>Filter values that exist in the data: the commonest sector, and the surname of the prospect with the lowest phone number (the same in every run of one file).</summary>
    private static async Task<Sample> SampleAsync(IServiceProvider services, Guid team, CancellationToken cancellationToken)
    {
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM prospects WHERE team_id = @team AND deleted_at IS NULL),
                   (SELECT sector FROM prospects WHERE team_id = @team AND sector IS NOT NULL GROUP BY sector ORDER BY count(*) DESC LIMIT 1),
                   (SELECT last_name FROM prospects WHERE team_id = @team AND phone IS NOT NULL AND deleted_at IS NULL
                    AND last_name IS NOT NULL AND length(last_name) >= 4 ORDER BY phone LIMIT 1)
            """, connection);
        command.Parameters.AddWithValue("team", team);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt64(0);
        if (count == 0)
        {
            throw new BenchmarkException("The team has no prospects; import first.");
        }
        return new Sample(count, reader.IsDBNull(1) ? "(none)" : reader.GetString(1), reader.IsDBNull(2) ? "smith" : reader.GetString(2));
    }

    /// <summary>Tags every prospect in the states through the grid's own bulk action, once, so the tag filter has something to find.</summary>
    private static async Task EnsureTaggedAsync(ProspectService prospects, string tag, string[] states, CancellationToken cancellationToken)
    {
        var existing = await prospects.GetPageAsync(new ProspectFilter { Tags = [tag] }, ProspectSort.Newest, 0, 1, cancellationToken);
        if (existing.Rows.Count > 0)
        {
            return;
        }
        var stopwatch = Stopwatch.StartNew();
        var changed = await prospects.BulkAsync(ProspectSelection.Matching(new ProspectFilter { States = states }), new BulkAction.Tag(tag),
            new AuditActor(null, "benchmark"), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT grid_setup action=bulk_tag tag={tag} filter=state_{string.Join('_', states)} changed={changed} elapsed_ms={stopwatch.ElapsedMilliseconds}"));
    }

    /// <summary>
    /// Measures the steady state: statistics as autovacuum leaves them within a minute of a bulk change. Right
    /// after the bulk tag the planner still believes no row has the tag and picks another plan.
    /// </summary>
    private static async Task AnalyzeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("ANALYZE prospects", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
