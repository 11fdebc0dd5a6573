using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Automation;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Health;
using Outreach.Infrastructure.Identity;
using Outreach.Infrastructure.Enrichment;
using Outreach.Infrastructure.Guardrails;
using Outreach.Infrastructure.Import;
using Outreach.Infrastructure.Inbox;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Inbound;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Messaging.Simulator;
using Outreach.Infrastructure.Messaging.Suggestions;
using Outreach.Infrastructure.Prospects;
using Outreach.Infrastructure.Suppression;
using Outreach.Infrastructure.Jobs;
using Outreach.Infrastructure.Security;
using Outreach.Infrastructure.Seeding;
using Outreach.Infrastructure.Tenancy;
using Outreach.Infrastructure.Webhooks;
using Quartz;

namespace Outreach.Infrastructure;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = RequireConnectionString(builder.Configuration, OutreachDatabase.ConnectionStringName, required: true)!;
        var appConnectionString = RequireConnectionString(builder.Configuration, OutreachDatabase.AppConnectionStringName, required: false);

        services.AddOptions<OutreachOptions>()
            .Bind(builder.Configuration.GetSection(OutreachOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutreachOptions>, OutreachOptionsValidator>();
        var options = builder.Configuration.GetSection(OutreachOptions.Section).Get<OutreachOptions>() ?? new OutreachOptions();

        services.AddSingleton(TimeProvider.System);
        var node = NodeIdentity.FromConfiguredName(options.NodeName);
        services.AddSingleton(node);
        // The owner's connection: migrations, Quartz, the event bridge and work across teams.
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(WithAutoPrepare(WithPoolCap(connectionString, OwnerPoolSize))).Build());
        services.AddSingleton(sp => appConnectionString is null
            ? new TenantDatabase(sp.GetRequiredService<NpgsqlDataSource>(), switchesRole: true)
            : new TenantDatabase(new NpgsqlDataSourceBuilder(WithAutoPrepare(WithPoolCap(appConnectionString, TenantPoolSize))).Build(), switchesRole: false));

        // Tenancy: the scope is per request or circuit; contexts are created per operation from it.
        services.AddScoped<TenantScope>();
        services.AddSingleton<TenantConnectionInterceptor>();
        // Team-scoped contexts (scoped factory: it needs the request's or circuit's scope) connect
        // through the tenant database; contexts across teams connect as the owner, without the interceptor.
        services.AddSingleton(sp =>
        {
            var options = new DbContextOptionsBuilder<OutreachDbContext>();
            OutreachDatabase.Configure(options, sp.GetRequiredService<TenantDatabase>().DataSource);
            options.AddInterceptors(sp.GetRequiredService<TenantConnectionInterceptor>());
            return options.Options;
        });
        services.AddScoped<IDbContextFactory<OutreachDbContext>, TenantDbContextFactory>();
        services.AddSingleton<ISystemDbContextFactory>(sp =>
        {
            var options = new DbContextOptionsBuilder<OutreachDbContext>();
            OutreachDatabase.Configure(options, sp.GetRequiredService<NpgsqlDataSource>());
            return new SystemDbContextFactory(options.Options);
        });

        // Identity's stores need a context per scope; sign-in bookkeeping spans teams.
        services.AddScoped(sp => sp.GetRequiredService<ISystemDbContextFactory>().CreateDbContext());
        services.AddIdentityCore<AppUser>(ConfigureIdentity)
            .AddEntityFrameworkStores<OutreachDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<MembershipDirectory>();
        services.AddScoped<UserAppearance>();
        services.AddInvitations();

        services.AddSingleton<PostgresEventBridge>();
        services.AddSingleton<IEventBridge>(sp => sp.GetRequiredService<PostgresEventBridge>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresEventBridge>());
        services.AddSingleton<LiveEventHub>();
        services.AddSingleton<ILiveEventPublisher>(sp => sp.GetRequiredService<LiveEventHub>());
        services.AddSingleton<ILiveEventStream>(sp => sp.GetRequiredService<LiveEventHub>());

        services.AddDataProtection()
            .SetApplicationName("outreach-console");
        // The key ring lives in PostgreSQL so every node reads every other node's cookies.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(
                sp.GetRequiredService<ISystemDbContextFactory>(), sp.GetRequiredService<TimeProvider>())));

        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<ClusterNodes>();
        services.AddScoped<InitialSeeder>();
        services.AddHostedService<DemoReplies>();

        services.AddSingleton<ImportFiles>();
        services.AddSingleton<ProspectImporter>();
        services.AddSingleton<ImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportRunner>());
        services.AddScoped<ImportService>();
        services.AddScoped<ProspectService>();
        services.AddScoped<SuppressionList>();
        services.AddScoped<Reports.ReportRollup>();
        services.AddScoped<Reports.ReportExporter>();
        services.AddScoped<Reports.WeeklyReportSubscriptions>();
        services.AddSingleton<Reports.WeeklyReportSender>();
        services.AddOptions<Mail.MailOptions>()
            .Bind(builder.Configuration.GetSection(Mail.MailOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Mail.IMailSender, Mail.SmtpMailSender>();
        services.AddSingleton<Mail.MailCatcherService>();
        services.AddHostedService(sp => sp.GetRequiredService<Mail.MailCatcherService>());
        services.AddOptions<Reports.ReportEmailOptions>()
            .Bind(builder.Configuration.GetSection(Reports.ReportEmailOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        AddMessaging(builder);
        services.AddEnrichment(builder.Configuration.GetSection(EnrichmentOptions.Section));
        services.AddCampaigns(builder.Configuration.GetSection(CampaignOptions.Section));
        services.AddAutomation(builder.Configuration.GetSection(AutomationOptions.Section));
        services.AddWebhooks(builder.Configuration.GetSection(Webhooks.WebhookOptions.Section));

        if (options.Scheduler.Enabled)
        {
            AddScheduler(services, connectionString, options, node,
                builder.Configuration.GetSection(Reports.ReportEmailOptions.Section).Get<Reports.ReportEmailOptions>() ?? new Reports.ReportEmailOptions(),
                builder.Configuration.GetSection(CampaignOptions.Section), builder.Configuration.GetSection(AutomationOptions.Section));
        }

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>Password and lockout rules for local accounts.</summary>
    public static void ConfigureIdentity(IdentityOptions identity)
    {
        identity.User.RequireUniqueEmail = true;
        identity.Password.RequiredLength = 10;
        identity.Password.RequireDigit = true;
        identity.Password.RequireLowercase = true;
        identity.Password.RequireUppercase = true;
        identity.Password.RequireNonAlphanumeric = false;
        identity.Lockout.AllowedForNewUsers = true;
        identity.Lockout.MaxFailedAccessAttempts = 5;
        identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        identity.SignIn.RequireConfirmedAccount = false;
    }

    private static void AddScheduler(
        IServiceCollection services, string connectionString, OutreachOptions options, NodeIdentity node,
        Reports.ReportEmailOptions reportOptions, IConfiguration campaigns, IConfiguration automation)
    {
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "outreach";
                s.InstanceId = node.Name;
            });
            q.UsePersistentStore(store =>
            {
                // Tables come from the initial migration, created under EF's migration lock so that
                // nodes starting together never race to create them.
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(options.Scheduler.CheckInSeconds);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(options.Scheduler.CheckInSeconds * 4);
                });
            });
            q.ScheduleJob<RecordHeartbeatJob>(
                trigger => trigger
                    .WithIdentity(RecordHeartbeatJob.TriggerKey)
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(TimeSpan.FromSeconds(options.Scheduler.HeartbeatSeconds))
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                job => job.WithIdentity(RecordHeartbeatJob.Key).StoreDurably());
            q.ScheduleJob<InboxClockJob>(
                trigger => trigger
                    .WithIdentity(InboxClockJob.TriggerKey)
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(InboxClockJob.Interval)
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                job => job.WithIdentity(InboxClockJob.Key).StoreDurably());
            q.ScheduleJob<SendWeeklyReportsJob>(
                trigger => trigger
                    .WithIdentity(SendWeeklyReportsJob.TriggerKey)
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(TimeSpan.FromMinutes(reportOptions.CheckIntervalMinutes))
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                job => job.WithIdentity(SendWeeklyReportsJob.Key).StoreDurably());
            q.ScheduleCampaignJobs(campaigns);
            q.ScheduleAutomationJobs(automation);
        });
        services.AddQuartzHostedService(q =>
        {
            q.WaitForJobsToComplete = true;
            q.AwaitApplicationStarted = true;
        });
        SchedulerShutdownGuard.Wrap(services);
    }

    private static string? RequireConnectionString(IConfiguration configuration, string name, bool required)
    {
        var value = configuration.GetConnectionString(name);
        var setting = $"ConnectionStrings:{name}";
        if (string.IsNullOrWhiteSpace(value))
        {
            return required
                ? throw new OptionsValidationException(setting, typeof(string),
                    [$"{setting} is not set. Set the environment variable ConnectionStrings__{name} " +
                     "(for example Host=127.0.0.1;Port=5432;Database=outreach;Username=outreach;Password=...), " +
                     "or start the console with './outreach run', which provides an embedded database."])
                : null;
        }
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException(setting, typeof(string), [$"{setting} is not a valid PostgreSQL connection string: {ex.Message}"]);
        }
        return value;
    }

    private static void AddMessaging(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSmsProviders(builder.Configuration.GetSection(SmsProviderOptions.Section));
        services.AddOptions<QueueOptions>().Bind(builder.Configuration.GetSection(QueueOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<ISimulatorSigningKey>(sp => sp.GetRequiredService<WebhookSecrets>());
        services.AddSmsSimulator(builder.Configuration.GetSection(SimulatorOptions.Section));
        services.AddSingleton<NumberRoutes>();
        services.AddSingleton<ClassificationProfiles>();
        services.AddSingleton<InboundMessages>();
        services.AddSingleton<OutboundDispatcher>();
        if (builder.Configuration.GetValue(QueueOptions.Section + ":Enabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboundDispatcher>());
        }
        services.AddScoped<GuardrailService>();
        services.AddScoped<Settings.GlobalKillSwitch>();
        services.AddScoped<OutboundQueue>();
        services.AddScoped<MessagingAdministration>();
        services.AddScoped<MessageQueries>();
        services.AddSingleton<InboxCountCache>();
        services.AddScoped<InboxQueries>();
        services.AddScoped<InboxActions>();
        services.AddScoped<ConversationPresence>();
        services.AddScoped<ReplyTemplates>();
        services.AddScoped<Tasks.OperatorTasks>();
        services.AddScoped<Calendar.ScheduleCalendar>();
        services.Configure<CompletionOptions>(builder.Configuration.GetSection(CompletionOptions.Section));
        services.AddHttpClient<ReplySuggestions>();
    }

    // Two pools per node (the owner's and the team sessions') must fit PostgreSQL's default 100 connections
    // with room for Quartz, the event listener and a second node; under a burst, requests wait for a pooled
    // connection instead of failing with "remaining connection slots are reserved". An explicit
    // "Maximum Pool Size" in a connection string wins.
    private const int OwnerPoolSize = 15;
    private const int TenantPoolSize = 30;

    private static string WithPoolCap(string connectionString, int maxPoolSize)
    {
        return connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase)
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    // Statements a node runs over and over (webhooks, the queue, the grid) are prepared on each physical
    // connection once they have run twice, and stay prepared while it goes back and forth to the pool:
    // with prepared statements on it, Npgsql resets a returned connection with RESET ALL, CLOSE ALL,
    // UNLISTEN, advisory unlocks and DISCARD TEMP/SEQUENCES instead of DISCARD ALL, which would also drop
    // the prepared statements and make every checkout parse and plan again. The role and team settings
    // are reset either way. An explicit "Max Auto Prepare" in a connection string wins.
    internal const int AutoPreparedStatements = 100;

    private static string WithAutoPrepare(string connectionString)
    {
        return connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPreparedStatements, AutoPrepareMinUsages = 2 }.ConnectionString;
    }
}
