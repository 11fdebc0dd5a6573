using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Outreach.Infrastructure.Jobs;

/// <summary>
/// Stands in front of Quartz's hosted service so that a node stops within its shutdown budget even when the
/// database is gone. Quartz's clustered store keeps retrying the missing server while it shuts down and does not
/// honour the host's cancellation, so without this a node whose PostgreSQL went away first hangs until it is killed.
/// </summary>
internal sealed class SchedulerShutdownGuard(
    QuartzHostedService scheduler,
    IOptions<OutreachOptions> options,
    ILogger<SchedulerShutdownGuard> logger) : IHostedService
{
    /// <summary>Puts the guard where Quartz's hosted service was registered, so the start and stop order stays the same.</summary>
    public static void Wrap(IServiceCollection services)
    {
        var index = -1;
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ServiceType == typeof(IHostedService)
                && (services[i].ImplementationType == typeof(QuartzHostedService)
                    || services[i].ImplementationFactory?.Method.ReturnType == typeof(QuartzHostedService)))
            {
                index = i;
                break;
            }
        }
        if (index < 0)
        {
            throw new InvalidOperationException("Quartz's hosted service is not registered: call AddQuartzHostedService first.");
        }
        services.RemoveAt(index);
        services.AddSingleton<QuartzHostedService>();
        services.Insert(index, ServiceDescriptor.Singleton<IHostedService, SchedulerShutdownGuard>());
    }

    public Task StartAsync(CancellationToken cancellationToken) => scheduler.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(options.Value.Scheduler.ShutdownSeconds));
        var stopping = scheduler.StopAsync(budget.Token);
        try
        {
            await stopping.WaitAsync(budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            logger.LogWarning(
                "The scheduler did not stop within {ShutdownSeconds} s (is the database reachable?); the node stops without it. " +
                "Its triggers are recovered by another node once this node's check-in expires",
                options.Value.Scheduler.ShutdownSeconds);
            AbandonedScheduler.Record();
            // Observed so that a late failure of the abandoned stop is not reported as unobserved.
            _ = stopping.ContinueWith(static task => task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
