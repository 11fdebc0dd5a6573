using Microsoft.Extensions.Logging;
using Outreach.Infrastructure.Automation;
using Quartz;

namespace Outreach.Infrastructure.Jobs;

/// <summary>Deletes follow-up executions past their retention, a few times a day on one node of the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class PruneFollowUpHistoryJob(ExecutionHistory history, ILogger<PruneFollowUpHistoryJob> logger) : IJob
{
    public static readonly JobKey Key = new("prune-follow-up-history", "automation");
    public static readonly TriggerKey TriggerKey = new("prune-follow-up-history", "automation");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var deleted = await history.PruneAsync(cancellationToken);
            if (deleted > 0)
            {
                logger.LogInformation("Deleted {Count} follow-up executions past their retention", deleted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the next firing carries on where this one stopped.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Pruning the follow-up history failed; it runs again at the next firing");
        }
    }
}
