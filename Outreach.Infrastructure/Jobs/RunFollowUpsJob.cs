using Microsoft.Extensions.Logging;
using Outreach.Infrastructure.Automation;
using Quartz;

namespace Outreach.Infrastructure.Jobs;

/// <summary>
/// The follow-up executor, fired by the clustered scheduler every few seconds on one node at a time. The
/// claim's SKIP LOCKED, the lease and the per-action progress keep each execution exactly-once even if two
/// nodes ran it at the same moment.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RunFollowUpsJob(FollowUpExecutor executor, ILogger<RunFollowUpsJob> logger) : IJob
{
    public static readonly JobKey Key = new("run-follow-ups", "automation");
    public static readonly TriggerKey TriggerKey = new("run-follow-ups", "automation");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var handled = await executor.PumpAsync(TimeSpan.FromSeconds(20), cancellationToken);
            if (handled > 0)
            {
                logger.LogInformation("Ran {Count} follow-up executions", handled);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: claimed executions run again after their lease, from their last completed action.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The follow-up executor failed; it runs again at the next firing");
        }
    }
}
