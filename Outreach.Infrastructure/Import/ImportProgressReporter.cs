using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;

namespace Outreach.Infrastructure.Import;

/// <summary>
/// Turns the parser's position into live progress: an event four times a second for open browsers, and the
/// same numbers written to the import's row every second so a reloaded page resumes from them. Reading the
/// file is 90% of the bar (by bytes, the only measure known before the end); the merge is the rest.
/// </summary>
internal sealed class ImportProgressReporter(
    ProspectImport import,
    ILiveEventPublisher events,
    ISystemDbContextFactory systemContexts,
    TimeProvider clock,
    Stopwatch stopwatch)
{
    private const double ReadShare = 90;
    private static readonly long ProgressTicks = TimeSpan.FromMilliseconds(250).Ticks;
    private static readonly long PersistTicks = TimeSpan.FromSeconds(1).Ticks;

    private long _nextProgress;
    private long _nextPersist;
    private int _percent;
    private int _rows;
    private Task? _persisting;

    public TimeSpan Elapsed => stopwatch.Elapsed;

    /// <summary>Called for every row; cheap unless a report is due.</summary>
    public void Parsed(int rows, long bytesRead, int invalid, int duplicates)
    {
        var now = stopwatch.Elapsed.Ticks;
        if (now < _nextProgress)
        {
            return;
        }
        _nextProgress = now + ProgressTicks;
        _rows = rows;
        var fraction = import.FileSize <= 0 ? 0 : Math.Min(1.0, bytesRead / (double)import.FileSize);
        _percent = (int)(fraction * ReadShare);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var rowsPerSecond = seconds > 0 ? rows / seconds : 0;
        var remaining = fraction > 0.01 ? seconds / fraction - seconds : (double?)null;
        Publish("running", new()
        {
            ["processed"] = rows.ToString(CultureInfo.InvariantCulture),
            ["invalid"] = invalid.ToString(CultureInfo.InvariantCulture),
            ["duplicates"] = duplicates.ToString(CultureInfo.InvariantCulture),
            ["rowsPerSecond"] = ((int)rowsPerSecond).ToString(CultureInfo.InvariantCulture),
            ["remainingSeconds"] = remaining is { } r ? ((int)Math.Ceiling(r)).ToString(CultureInfo.InvariantCulture) : null,
        });
        if (now >= _nextPersist)
        {
            _nextPersist = now + PersistTicks;
            Persist();
        }
    }

    public void Merging()
    {
        _percent = (int)ReadShare;
        Publish("merging", new() { ["processed"] = _rows.ToString(CultureInfo.InvariantCulture) });
        Persist();
    }

    public void Committed(ImportCounts counts) => _rows = counts.Rows;

    public async Task FinishedAsync(ImportStatus status, string? error, CancellationToken cancellationToken)
    {
        if (status != ImportStatus.Completed)
        {
            // The import's own transaction wrote the completed row; every other ending is written here.
            await using var db = systemContexts.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Set<ProspectImport>().Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, status)
                .SetProperty(i => i.Error, error)
                .SetProperty(i => i.FinishedAt, clock.GetUtcNow()), cancellationToken);
            Webhooks.WebhookOutbox.Add(db, import.TeamId, Domain.Webhooks.WebhookEventTypes.ImportFinished,
                new { importId = import.Id, status = status.ToString(), import.FileName, error }, clock);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await using var db = systemContexts.CreateDbContext();
            await db.Set<ProspectImport>().Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.ProgressPercent, 100), cancellationToken);
            _percent = 100;
        }
        await events.PublishAsync(new LiveEvent(import.TeamId, LiveEventKinds.ImportFinished, new Dictionary<string, string?>
        {
            ["importId"] = import.Id.ToString(),
            ["status"] = status.ToString(),
            ["fileName"] = import.FileName,
            ["error"] = error,
        }, clock.GetUtcNow()), cancellationToken);
    }

    private void Publish(string phase, Dictionary<string, string?> data)
    {
        data["importId"] = import.Id.ToString();
        data["phase"] = phase;
        data["percent"] = _percent.ToString(CultureInfo.InvariantCulture);
        // Progress is advisory: a lost event is replaced by the next one a quarter of a second later.
        _ = events.PublishAsync(new LiveEvent(import.TeamId, LiveEventKinds.ImportProgress, data, clock.GetUtcNow()));
    }

    private void Persist()
    {
        var percent = _percent;
        var rows = _rows;
        if (_persisting is { IsCompleted: false })
        {
            return;
        }
        _persisting = Task.Run(async () =>
        {
            try
            {
                await using var db = systemContexts.CreateDbContext();
                await db.Set<ProspectImport>().Where(i => i.Id == import.Id && i.Status == ImportStatus.Running).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.ProgressPercent, percent)
                    .SetProperty(i => i.ProcessedRows, rows));
            }
            catch (Exception ex) when (ex is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                // Advisory as well: the next second writes it again, and the end of the import writes the truth.
            }
        });
    }
}
