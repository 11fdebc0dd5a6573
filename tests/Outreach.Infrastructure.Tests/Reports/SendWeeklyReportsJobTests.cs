using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Jobs;
using Outreach.TestSupport;
using Quartz;

namespace Outreach.Infrastructure.Tests.Reports;

/// <summary>The job as the clustered scheduler runs it: registered on start, and a due week goes out once.</summary>
public sealed class SendWeeklyReportsJobTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly SmtpSink _smtp = new();
    private readonly List<IHost> _nodes = [];

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("weekly");

    [Fact]
    public async Task Two_scheduler_nodes_send_a_due_week_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outreach:Mail:SmtpHost"] = "127.0.0.1",
            ["Outreach:Mail:Security"] = "None",
            ["Outreach:Mail:SmtpPort"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Outreach:Mail:From"] = "reports@example.com",
            ["Outreach:Reports:CheckIntervalMinutes"] = "1",
        };
        var first = TestNode.Build(_database.ConnectionString, "weekly-a", scheduler: true, settings: settings);
        _nodes.Add(first);
        await OutreachDatabase.MigrateAsync(first.Services);
        var seed = new ReportSeed(_database.ConnectionString);
        var team = await seed.TeamAsync("Weekly team", "America/Chicago");
        await seed.ExecAsync("INSERT INTO weekly_report_subscriptions (team_id, enabled, recipients, updated_at) VALUES (@team, true, 'boss@example.com', now())", ("team", team));
        _nodes.Add(TestNode.Build(_database.ConnectionString, "weekly-b", scheduler: true, settings: settings));
        await Task.WhenAll(_nodes.Select(n => n.StartAsync()));

        var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.NotNull(await scheduler.GetTrigger(SendWeeklyReportsJob.TriggerKey));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_smtp.Messages.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a second, wrong, send

        var message = Assert.Single(_smtp.Messages);
        Assert.Contains("To: boss@example.com", message);
        Assert.Contains("Weekly team: weekly report", message);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
            node.Dispose();
        }
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }
}
