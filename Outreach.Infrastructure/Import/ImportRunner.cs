using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;

namespace Outreach.Infrastructure.Import;

/// <summary>
/// Runs this node's imports one at a time (an import keeps both cores busy on its own), and cancels them
/// on request from any node: a cancel recorded in the database reaches the running import within a second.
/// </summary>
public sealed class ImportRunner(
    ProspectImporter importer,
    ISystemDbContextFactory systemContexts,
    NodeIdentity node,
    TimeProvider clock,
    ILogger<ImportRunner> logger) : BackgroundService
{
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
        using var watcher = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        var watching = WatchCancellationsAsync(watcher, stoppingToken);
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
}
