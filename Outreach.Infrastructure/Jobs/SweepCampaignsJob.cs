using Microsoft.Extensions.Logging;
using Outreach.Infrastructure.Campaigns;
using Quartz;

namespace Outreach.Infrastructure.Jobs;

/// <summary>
/// The guardrail sweep: settles reserved spend from providers' costs, starts scheduled campaigns, ends
/// campaigns past their end or with nothing left, and pauses campaigns whose error or opt-out rate spiked.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SweepCampaignsJob(CampaignSweep sweep, ILogger<SweepCampaignsJob> logger) : IJob
{
    public static readonly JobKey Key = new("sweep-campaigns", "campaigns");
    public static readonly TriggerKey TriggerKey = new("sweep-campaigns", "campaigns");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await sweep.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The campaign sweep failed; it runs again at the next firing");
        }
    }
}
