using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Auditing;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Bench.Campaigns;

internal static class Commands
{
    /// <summary>
    /// A campaign of N prospects, all due at once: time from the start until every enrollment's first step is
    /// a queued message (guardrails, reservation, number and pacing slot, conversation, idempotency key).
    /// </summary>
    public static async Task<int> DispatchAsync(CommandLine options)
    {
        var prospects = options.Int("prospects", 100_000);
        var numbers = options.Int("numbers", 1000);
        var parallelism = options.Int("parallelism", 8);
        await using var node = await BenchNode.CreateAsync(options.Required("connection"), new Dictionary<string, string?>
        {
            ["Outreach:Campaigns:Parallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
            ["Outreach:Campaigns:BatchSize"] = options.Int("batch", 1000).ToString(CultureInfo.InvariantCulture),
        }, provider: null);
        var team = await node.TeamAsync(numbers);
        await node.ProspectsAsync(team, "dispatch", 0, prospects);
        var enrollWatch = Stopwatch.StartNew();
        var campaign = await node.StartCampaignAsync(team, "dispatch");
        var enrolled = enrollWatch.Elapsed;
        Console.WriteLine($"enrolled {campaign.Enrolled:N0} prospects in {enrolled.TotalSeconds:0.0} s");

        var engine = node.Host.Services.GetRequiredService<CampaignEngine>();
        var watch = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        long queued = 0;
        while (watch.Elapsed < TimeSpan.FromMinutes(30))
        {
            if (await engine.PumpOnceAsync(default) == 0)
            {
                break;
            }
            if (watch.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = watch.Elapsed;
                queued = await node.CountAsync("SELECT count(*) FROM messages WHERE campaign_id = @c", ("c", campaign.Id));
                Console.WriteLine($"  {watch.Elapsed.TotalSeconds:0} s: {queued:N0} queued ({queued / watch.Elapsed.TotalSeconds:N0}/s)");
            }
        }
        var elapsed = watch.Elapsed;
        queued = await node.CountAsync("SELECT count(*) FROM messages WHERE campaign_id = @c", ("c", campaign.Id));
        var open = await node.CountAsync("SELECT count(*) FROM campaign_enrollments WHERE campaign_id = @c AND step = 0", ("c", campaign.Id));
        var trips = await node.CountAsync("SELECT count(*) FROM guardrail_events WHERE campaign_id = @c", ("c", campaign.Id));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT dispatch prospects={prospects} numbers={numbers} parallelism={parallelism} queued={queued} not_sent={open} guardrail_events={trips} seconds={elapsed.TotalSeconds:0.0} rate={queued / elapsed.TotalSeconds:0}/s target=1000/s"));
        return queued == prospects ? 0 : 1;
    }

    /// <summary>
    /// The pump and the dispatcher run at full speed; the campaign's kill switch is engaged through the same
    /// service the control room calls. Per run: time to acknowledgement, time from the call to the last
    /// provider call of the campaign, and provider calls after the acknowledgement (must be zero).
    /// </summary>
    public static async Task<int> KillSwitchAsync(CommandLine options)
    {
        var runs = options.Int("runs", 20);
        var perRun = options.Int("prospects", 3000);
        var provider = new RecordingProvider(TimeSpan.FromMilliseconds(options.Int("provider-ms", 5)));
        await using var node = await BenchNode.CreateAsync(options.Required("connection"), new Dictionary<string, string?>
        {
            ["Outreach:Messaging:Queue:PacingMilliseconds"] = "0",
            ["Outreach:Messaging:Queue:PollMilliseconds"] = "20",
            ["Outreach:Campaigns:Parallelism"] = "8",
        }, provider);
        var team = await node.TeamAsync(200);
        var dispatcher = node.Host.Services.GetRequiredService<OutboundDispatcher>();
        await dispatcher.StartAsync(default);
        var engine = node.Host.Services.GetRequiredService<CampaignEngine>();
        var acks = new List<double>();
        var lastSends = new List<double>();
        var after = 0;
        var handedTotal = 0;
        try
        {
            for (var run = 0; run < runs; run++)
            {
                var tag = "kill-" + run.ToString(CultureInfo.InvariantCulture);
                await node.ProspectsAsync(team, tag, 100_000 + run * perRun, perRun);
                var campaign = await node.StartCampaignAsync(team, tag);
                using var stop = new CancellationTokenSource();
                var pump = Task.Run(() => engine.PumpAsync(TimeSpan.FromMinutes(5), stop.Token));
                while (await node.CountAsync("SELECT count(*) FROM messages WHERE campaign_id = @c AND handed_at IS NOT NULL", ("c", campaign.Id)) < perRun / 10)
                {
                    await Task.Delay(10);
                }

                var called = DateTimeOffset.UtcNow;
                KillSwitchAck ack;
                await using (var scope = node.Host.Services.CreateAsyncScope())
                {
                    scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
                    ack = await scope.ServiceProvider.GetRequiredService<KillSwitches>().StopCampaignAsync(campaign.Id, "benchmark", new AuditActor(null, "bench"), default);
                }
                var acknowledged = DateTimeOffset.UtcNow;
                await Task.Delay(1500);
                await stop.CancelAsync();
                try
                {
                    await pump;
                }
                catch (OperationCanceledException)
                {
                }

                var ids = new HashSet<Guid>();
                await using (var connection = new Npgsql.NpgsqlConnection(node.ConnectionString))
                {
                    await connection.OpenAsync();
                    await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM messages WHERE campaign_id = @c", connection);
                    command.Parameters.AddWithValue("c", campaign.Id);
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        ids.Add(reader.GetGuid(0));
                    }
                }
                var calls = provider.Calls.Where(c => ids.Contains(c.MessageId)).ToList();
                var last = calls.Max(c => c.At);
                acks.Add((acknowledged - called).TotalMilliseconds);
                lastSends.Add(Math.Max(0, (last - called).TotalMilliseconds));
                after += calls.Count(c => c.At > acknowledged);
                handedTotal += ack.HandedOver.Count;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {run + 1}: sent {calls.Count}, ack {acks[^1]:0} ms, last send {lastSends[^1]:0} ms after the call, {ack.HandedOver.Count} listed as handed over, {calls.Count(c => c.At > acknowledged)} after ack"));
            }
        }
        finally
        {
            await dispatcher.StopAsync(default);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT killswitch runs={runs} ack_p50={Percentile(acks, 0.5):0}ms ack_p99={Percentile(acks, 0.99):0}ms last_send_p50={Percentile(lastSends, 0.5):0}ms last_send_p99={Percentile(lastSends, 0.99):0}ms last_send_max={lastSends.Max():0}ms sends_after_ack={after} target=p99<=1000ms,0"));
        return after == 0 && Percentile(lastSends, 0.99) <= 1000 ? 0 : 1;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
