using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Infrastructure.Jobs;
using Outreach.Infrastructure.Messaging.Queue;
using Quartz;

namespace Outreach.Infrastructure.Campaigns;

public static class CampaignServiceCollectionExtensions
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<CampaignOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<KillSwitchGate>();
        services.AddSingleton<Guardrails.SpendReservations>();
        services.AddSingleton<CampaignEngine>();
        services.AddSingleton<CampaignSweep>();
        services.AddSingleton<CampaignReplies>();
        services.AddScoped<CampaignService>();
        services.AddScoped<KillSwitches>();
        services.AddScoped<IKillSwitches>(provider => provider.GetRequiredService<KillSwitches>());
        services.AddScoped<CampaignQueries>();
        services.AddScoped<CampaignAudiences>();
        return services;
    }

    /// <summary>The dispatch pump and the guardrail sweep on the clustered scheduler.</summary>
    public static void ScheduleCampaignJobs(this IQuartzBuilder quartz, IConfiguration section)
    {
        var settings = section.Get<CampaignOptions>() ?? new CampaignOptions();
        quartz.ScheduleJob<DispatchCampaignsJob>(
            trigger => trigger.WithIdentity(DispatchCampaignsJob.TriggerKey).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(settings.PumpIntervalSeconds)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
            job => job.WithIdentity(DispatchCampaignsJob.Key).StoreDurably());
        quartz.ScheduleJob<SweepCampaignsJob>(
            trigger => trigger.WithIdentity(SweepCampaignsJob.TriggerKey).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(settings.SweepIntervalSeconds)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
            job => job.WithIdentity(SweepCampaignsJob.Key).StoreDurably());
    }
}
