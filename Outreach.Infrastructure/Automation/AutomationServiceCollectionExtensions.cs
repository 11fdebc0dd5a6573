using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Infrastructure.Jobs;
using Quartz;

namespace Outreach.Infrastructure.Automation;

public static class AutomationServiceCollectionExtensions
{
    public static IServiceCollection AddAutomation(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<AutomationOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FollowUpScheduler>();
        services.AddSingleton<FollowUpExecutor>();
        services.AddSingleton<ExecutionHistory>();
        services.AddScoped<FollowUpRules>();
        return services;
    }

    /// <summary>The follow-up executor and the pruning of its history on the clustered scheduler.</summary>
    public static void ScheduleAutomationJobs(this IQuartzBuilder quartz, IConfiguration section)
    {
        var settings = section.Get<AutomationOptions>() ?? new AutomationOptions();
        quartz.ScheduleJob<RunFollowUpsJob>(
            trigger => trigger.WithIdentity(RunFollowUpsJob.TriggerKey).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(settings.IntervalSeconds)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
            job => job.WithIdentity(RunFollowUpsJob.Key).StoreDurably());
        quartz.ScheduleJob<PruneFollowUpHistoryJob>(
            trigger => trigger.WithIdentity(PruneFollowUpHistoryJob.TriggerKey).StartAt(DateTimeOffset.UtcNow.AddMinutes(10))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(6)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
            job => job.WithIdentity(PruneFollowUpHistoryJob.Key).StoreDurably());
    }
}
