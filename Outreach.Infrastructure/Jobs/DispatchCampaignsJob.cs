using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Campaigns;
using Quartz;

namespace Outreach.Infrastructure.Jobs;

/// <summary>
/// The campaign dispatch pump, fired by the clustered scheduler every second. One firing pumps while
/// enrollments are due (up to <see cref="CampaignOptions.PumpSeconds"/>). The claim's SKIP LOCKED and the
/// messages' idempotency keys keep it exactly-once even if two nodes pump at the same moment.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DispatchCampaignsJob(CampaignEngine engine, IOptions<CampaignOptions> options, ILogger<DispatchCampaignsJob> logger) : IJob
{
    public static readonly JobKey Key = new("dispatch-campaigns", "campaigns");
    public static readonly TriggerKey TriggerKey = new("dispatch-campaigns", "campaigns");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var handled = await engine.PumpAsync(TimeSpan.FromSeconds(options.Value.PumpSeconds), cancellationToken);
            if (handled > 0)
            {
                logger.LogDebug("Campaign pump handled {Count} enrollments", handled);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: claimed enrollments become due again after their lease.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The campaign pump failed; it runs again at the next firing");
        }
    }
}
