using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace Outreach.Infrastructure.Health;

/// <summary>Ready when this node's scheduler runs, or when the node is configured without one.</summary>
internal sealed class SchedulerHealthCheck(IServiceProvider services, IOptions<OutreachOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Scheduler.Enabled)
        {
            return HealthCheckResult.Healthy("Scheduler disabled on this node.");
        }
        if (services.GetService(typeof(ISchedulerFactory)) is not ISchedulerFactory factory)
        {
            return HealthCheckResult.Unhealthy("Scheduler not registered.");
        }
        var scheduler = await factory.GetScheduler(cancellationToken);
        return scheduler.Status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("Scheduler running.")
            : HealthCheckResult.Unhealthy($"Scheduler is {scheduler.Status}.");
    }
}
