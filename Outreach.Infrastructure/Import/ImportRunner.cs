using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;

namespace Outreach.Infrastructure.Import;

/// <summary>
/// Runs this node's imports one at a time (an import keeps both cores busy on its own), and cancels them
/// on request from any node: a cancel recorded in the database reaches the running import within a second.
/// It also expires this node's uploads that nobody started (their files are on this node's disk alone), and fails
/// the imports of nodes that are gone (see <see cref="FailOrphanedAsync"/>).
/// </summary>
public sealed class ImportRunner(
    ProspectImporter importer,
    ISystemDbContextFactory systemContexts,
    ImportFiles files,
    NodeIdentity node,
    NpgsqlDataSource dataSource,
    TimeProvider clock,
    IOptions<OutreachOptions> options,
    ILogger<ImportRunner> logger) : BackgroundService
{
    private static readonly TimeSpan ExpirySweepInterval = TimeSpan.FromMinutes(5);

    // Two sweeps must find a node gone before its imports fail (a node that lost its connection for a moment takes its
    // presence again within seconds), so a killed node's imports fail within 2 sweeps plus the server's dead-peer delay.
    private static readonly TimeSpan OrphanSweepInterval = TimeSpan.FromSeconds(10);

    private readonly HashSet<string> _goneOnLastSweep = [];

    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    public ValueTask EnqueueAsync(Guid importId, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(importId, cancellationToken);

    /// <summary>Cancels the import if it runs on this node; other nodes notice the database flag.</summary>
    public void CancelLocal(Guid importId)
    {
        if (_running.TryGetValue(importId, out var source))
        {
            source.Cancel();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await FailInterruptedAsync(stoppingToken);
        await RepairSearchAsync(stoppingToken);
        var present = new NodePresence(dataSource, node.Name, logger).HoldAsync(stoppingToken);
        using var watcher = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        var watching = WatchCancellationsAsync(watcher, stoppingToken);
        var sweeping = SweepAbandonedAsync(stoppingToken);
        var orphans = SweepOrphansAsync(stoppingToken);
        await foreach (var importId in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            using var source = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _running[importId] = source;
            try
            {
                await importer.RunAsync(importId, source.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Import {ImportId} crashed", importId);
            }
            finally
            {
                _running.TryRemove(importId, out _);
            }
        }
        await watching;
        await sweeping;
        await orphans;
        await present;
    }

    /// <summary>
    /// Fails the started imports of nodes that are gone: a node killed during an import leaves it "Running" with its
    /// file on that node's disk, so no other node can resume it; the operator learns why and uploads it again. A node
    /// counts as gone when it does not hold its presence lock on this sweep and did not on the one before. Returns how
    /// many imports were failed.
    /// </summary>
    public async Task<int> FailOrphanedAsync(CancellationToken cancellationToken)
    {
        List<string> nodes;
        await using (var db = systemContexts.CreateDbContext())
        {
            nodes = await db.Set<ProspectImport>().AsNoTracking()
                .Where(i => i.Node != null && i.Node != node.Name
                    && (i.Status == ImportStatus.Running || (i.Status == ImportStatus.Queued && i.StartedAt != null)))
                .Select(i => i.Node!).Distinct().ToListAsync(cancellationToken);
        }
        var gone = new List<string>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            foreach (var candidate in nodes)
            {
                if (await NodePresence.IsGoneAsync(connection, candidate, cancellationToken))
                {
                    gone.Add(candidate);
                }
            }
        }
        List<string> confirmed;
        lock (_goneOnLastSweep)
        {
            confirmed = gone.Where(_goneOnLastSweep.Contains).ToList();
            _goneOnLastSweep.Clear();
            _goneOnLastSweep.UnionWith(gone.Except(confirmed));
        }

        var failed = 0;
        var now = clock.GetUtcNow();
        foreach (var goneNode in confirmed)
        {
            await using var db = systemContexts.CreateDbContext();
            var count = await db.Set<ProspectImport>()
                .Where(i => i.Node == goneNode && (i.Status == ImportStatus.Running || (i.Status == ImportStatus.Queued && i.StartedAt != null)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, ImportStatus.Failed)
                    .SetProperty(i => i.Error, $"The node {goneNode} that ran this import stopped before it finished; nothing was imported. The file was on that node, so upload it again.")
                    .SetProperty(i => i.FinishedAt, now), cancellationToken);
            if (count > 0)
            {
                logger.LogWarning("Node {Node} is gone: {Count} of its imports were marked failed", goneNode, count);
            }
            failed += count;
        }
        return failed;
    }

    private async Task SweepOrphansAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(OrphanSweepInterval, clock);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await FailOrphanedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Looking for imports of stopped nodes failed; trying again in {Interval}", OrphanSweepInterval);
            }
        }
    }

    /// <summary>
    /// Marks this node's uploads that waited for their mapping longer than <c>Outreach:Import:AbandonedAfterHours</c>
    /// as expired and deletes their files; returns how many. An upload started meanwhile is left alone.
    /// </summary>
    public async Task<int> ExpireAbandonedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hours = options.Value.Import.AbandonedAfterHours;
        var cutoff = now - TimeSpan.FromHours(hours);
        await using var db = systemContexts.CreateDbContext();
        var abandoned = await db.Set<ProspectImport>().AsNoTracking()
            .Where(i => i.Node == node.Name && i.Status == ImportStatus.Queued && i.StartedAt == null && i.CreatedAt < cutoff)
            .Select(i => i.Id).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var importId in abandoned)
        {
            var changed = await db.Set<ProspectImport>()
                .Where(i => i.Id == importId && i.Status == ImportStatus.Queued && i.StartedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, ImportStatus.Expired)
                    .SetProperty(i => i.Error, $"Nobody started this import within {hours} hours of the upload, so the file was deleted. Upload it again to import it.")
                    .SetProperty(i => i.FinishedAt, now), cancellationToken);
            if (changed == 1)
            {
                files.Delete(importId);
                expired++;
            }
        }
        if (expired > 0)
        {
            logger.LogInformation("Expired {Count} uploads left without a mapping for more than {Hours} hours", expired, hours);
        }
        return expired;
    }

    private async Task SweepAbandonedAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ExpirySweepInterval, clock);
        do
        {
            try
            {
                await ExpireAbandonedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Expiring abandoned uploads failed; trying again in {Interval}", ExpirySweepInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task WatchCancellationsAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (_running.IsEmpty)
                {
                    continue;
                }
                var ids = _running.Keys.ToList();
                await using var db = systemContexts.CreateDbContext();
                var cancelled = await db.Set<ProspectImport>().AsNoTracking()
                    .Where(i => ids.Contains(i.Id) && i.CancelRequested).Select(i => i.Id).ToListAsync(stoppingToken);
                cancelled.ForEach(CancelLocal);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Watching for import cancellations stopped");
        }
    }

    /// <summary>An import that was running here when the node stopped rolled back with it; say so.</summary>
    private async Task FailInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var db = systemContexts.CreateDbContext();
        var count = await db.Set<ProspectImport>()
            .Where(i => i.Node == node.Name && (i.Status == ImportStatus.Running || (i.Status == ImportStatus.Queued && i.StartedAt != null)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Failed)
                .SetProperty(i => i.Error, "The node stopped during the import; nothing was imported. Upload the file again.")
                .SetProperty(i => i.FinishedAt, clock.GetUtcNow()), cancellationToken);
        if (count > 0)
        {
            logger.LogWarning("{Count} imports were interrupted by a restart of this node and marked failed", count);
        }
    }

    /// <summary>
    /// An import's prospects become searchable just after it commits; a node that stopped in between left
    /// them out of the search table. Cheap when nothing is missing (one anti-join), idempotent across nodes.
    /// </summary>
    private async Task RepairSearchAsync(CancellationToken cancellationToken)
    {
        await using var db = systemContexts.CreateDbContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var repaired = await db.Database.SqlQueryRaw<int>("SELECT app_repair_prospect_search() AS \"Value\"").SingleAsync(cancellationToken);
        if (repaired > 0)
        {
            logger.LogWarning("{Count} imported prospects were missing from the search index and were added", repaired);
        }
    }
}
