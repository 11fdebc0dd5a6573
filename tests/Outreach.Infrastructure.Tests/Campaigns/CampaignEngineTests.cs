using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Auditing;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Messaging;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Messaging.Queue;

namespace Outreach.Infrastructure.Tests.Campaigns;

/// <summary>
/// The dispatch pump against real PostgreSQL: two nodes pumping one campaign at once, a pump that "restarts"
/// and sees every enrollment due again, budgets reserved by concurrent senders, and the kill switch while
/// the dispatcher hands messages to a provider as fast as it can.
/// </summary>
public sealed class CampaignEngineTests(CampaignCluster cluster) : IClassFixture<CampaignCluster>
{
    [Fact]
    public async Task Two_nodes_pumping_at_once_and_a_restart_send_every_enrollment_exactly_once()
    {
        var team = await cluster.TeamAsync("Two nodes", numbers: 20);
        await cluster.TagProspectsAsync(team, "two-nodes", 400, exchange: 241);
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("two-nodes"));
        Assert.Equal(400, campaign.Enrolled);

        var a = cluster.NodeA.Services.GetRequiredService<CampaignEngine>();
        var b = cluster.NodeB.Services.GetRequiredService<CampaignEngine>();
        var handled = await Task.WhenAll(a.PumpAsync(TimeSpan.FromMinutes(2), default), b.PumpAsync(TimeSpan.FromMinutes(2), default));

        // A restart after a crash: every claim's lease ran out, so every enrollment is due again at step 0.
        await cluster.ScalarAsync<int>("WITH r AS (UPDATE campaign_enrollments SET step = 0, state = 'Pending', next_due_at = now() WHERE campaign_id = @c RETURNING 1) SELECT count(*)::int FROM r", ("c", campaign.Id));
        await Task.WhenAll(a.PumpAsync(TimeSpan.FromMinutes(2), default), b.PumpAsync(TimeSpan.FromMinutes(2), default));

        Assert.True(handled[0] > 0 && handled[1] > 0, $"both nodes should have pumped (a {handled[0]}, b {handled[1]})");
        Assert.Equal(400L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE campaign_id = @c", ("c", campaign.Id)));
        Assert.Equal(400L, await cluster.ScalarAsync<long>("SELECT count(DISTINCT idempotency_key) FROM messages WHERE campaign_id = @c", ("c", campaign.Id)));
        Assert.Equal(400L, await cluster.ScalarAsync<long>("SELECT count(DISTINCT \"to\") FROM messages WHERE campaign_id = @c", ("c", campaign.Id)));
        Assert.Equal(400L, await cluster.ScalarAsync<long>("SELECT count(*) FROM campaign_enrollments WHERE campaign_id = @c AND state = 'Completed'", ("c", campaign.Id)));
        // The repeated keys gave their reservations back: what is reserved is exactly one message each.
        Assert.Equal(400 * 0.0079m, await cluster.ScalarAsync<decimal>("SELECT reserved_spend FROM campaigns WHERE id = @c", ("c", campaign.Id)));
    }

    [Fact]
    public async Task Concurrent_senders_never_reserve_past_the_budget_and_the_campaign_pauses_when_it_is_reached()
    {
        var team = await cluster.TeamAsync("Budget race", numbers: 10);
        await cluster.TagProspectsAsync(team, "budget", 120, exchange: 242);
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("budget") with { Budget = 0.40m });

        await Task.WhenAll(
            cluster.NodeA.Services.GetRequiredService<CampaignEngine>().PumpOnceAsync(default),
            cluster.NodeB.Services.GetRequiredService<CampaignEngine>().PumpOnceAsync(default));

        // 0.40 / 0.0079 = 50.6: at most 50 messages fit, whichever pump reserved them. (Fewer may go: once a pump
        // finds the budget reserved by the other, the campaign pauses and the other's unsent reservations are given back.)
        var queued = await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE campaign_id = @c", ("c", campaign.Id));
        Assert.InRange(queued, 1, 50);
        Assert.True(await cluster.ScalarAsync<decimal>("SELECT reserved_spend + spent FROM campaigns WHERE id = @c", ("c", campaign.Id)) <= 0.40m);
        Assert.Equal(queued * 0.0079m, await cluster.ScalarAsync<decimal>("SELECT reserved_spend FROM campaigns WHERE id = @c", ("c", campaign.Id)));
        Assert.Equal("Paused", await cluster.ScalarAsync<string>("SELECT state FROM campaigns WHERE id = @c", ("c", campaign.Id)));
        Assert.Equal("Budget reached", await cluster.ScalarAsync<string>("SELECT pause_reason FROM campaigns WHERE id = @c", ("c", campaign.Id)));
        Assert.True(await cluster.ScalarAsync<long>("SELECT count(*) FROM guardrail_events WHERE campaign_id = @c AND reason = 'CampaignBudget'", ("c", campaign.Id)) > 0);
    }

    [Fact]
    public async Task One_pump_sends_exactly_what_the_budget_allows_and_reserves_exactly_that()
    {
        var team = await cluster.TeamAsync("Budget exact", numbers: 10);
        await cluster.TagProspectsAsync(team, "budget-exact", 80, exchange: 248);
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("budget-exact") with { Budget = 0.40m });

        await cluster.NodeA.Services.GetRequiredService<CampaignEngine>().PumpOnceAsync(default);

        Assert.Equal(50L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE campaign_id = @c", ("c", campaign.Id)));
        Assert.Equal(50 * 0.0079m, await cluster.ScalarAsync<decimal>("SELECT reserved_spend FROM campaigns WHERE id = @c", ("c", campaign.Id)));
        Assert.Equal(50 * 0.0079m, await cluster.ScalarAsync<decimal>("SELECT reserved FROM team_spend WHERE team_id = @t", ("t", team)));
        Assert.Equal("Paused", await cluster.ScalarAsync<string>("SELECT state FROM campaigns WHERE id = @c", ("c", campaign.Id)));
    }

    [Fact]
    public async Task Settlement_moves_reserved_spend_to_the_providers_cost()
    {
        var team = await cluster.TeamAsync("Settlement", numbers: 5);
        await cluster.TagProspectsAsync(team, "settle", 4, exchange: 249);
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("settle"));
        await cluster.NodeA.Services.GetRequiredService<CampaignEngine>().PumpOnceAsync(default);
        // The provider reported its cost for three; the fourth failed and cost nothing.
        await cluster.ScalarAsync<int>("""
            WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM messages WHERE campaign_id = @c),
            u AS (UPDATE messages x SET status = CASE WHEN m.n = 4 THEN 'Failed' ELSE 'Delivered' END, cost = CASE WHEN m.n = 4 THEN NULL ELSE 0.0075 END
                  FROM m WHERE x.id = m.id RETURNING 1)
            SELECT count(*)::int FROM u
            """, ("c", campaign.Id));

        var settled = await cluster.NodeA.Services.GetRequiredService<CampaignSweep>().SettleAsync(default);

        Assert.True(settled >= 4);
        Assert.Equal(0m, await cluster.ScalarAsync<decimal>("SELECT reserved_spend FROM campaigns WHERE id = @c", ("c", campaign.Id)));
        Assert.Equal(3 * 0.0075m, await cluster.ScalarAsync<decimal>("SELECT spent FROM campaigns WHERE id = @c", ("c", campaign.Id)));
        Assert.Equal(3 * 0.0075m, await cluster.ScalarAsync<decimal>("SELECT spent FROM team_spend WHERE team_id = @t", ("t", team)));
    }

    [Fact]
    public async Task The_sweep_pauses_a_campaign_whose_provider_errors_spike_and_completes_one_with_nothing_left_once_its_queue_is_empty()
    {
        var team = await cluster.TeamAsync("Sweep", numbers: 5);
        await cluster.TagProspectsAsync(team, "errors", 30, exchange: 250);
        await cluster.TagProspectsAsync(team, "done", 3, exchange: 251);
        var failing = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("errors", new CampaignStep(0, "Hi {{first_name}}"), new CampaignStep(24, "Again")));
        var finished = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("done", new CampaignStep(0, "Hello {{first_name}}, one time only")));
        var engine = cluster.NodeA.Services.GetRequiredService<CampaignEngine>();
        await engine.PumpAsync(TimeSpan.FromSeconds(30), default);
        // 7 of 30 (23%) failed at the provider; the rest were sent.
        await cluster.ScalarAsync<int>("""
            WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM messages WHERE campaign_id = @c),
            u AS (UPDATE messages x SET status = CASE WHEN m.n <= 7 THEN 'Failed' ELSE 'Sent' END FROM m WHERE x.id = m.id RETURNING 1)
            SELECT count(*)::int FROM u
            """, ("c", failing.Id));

        var sweep = cluster.NodeA.Services.GetRequiredService<CampaignSweep>();
        await sweep.RunAsync(default);
        // Every enrollment of the finished campaign is done, but its messages still wait in the queue, which hands
        // over only those of running campaigns: it runs until they have left.
        var whileQueued = await cluster.ScalarAsync<string>("SELECT state FROM campaigns WHERE id = @c", ("c", finished.Id));
        await cluster.ScalarAsync<int>("WITH u AS (UPDATE messages SET status = 'Delivered' WHERE campaign_id = @c RETURNING 1) SELECT count(*)::int FROM u", ("c", finished.Id));
        await sweep.RunAsync(default);

        Assert.Equal("Paused", await cluster.ScalarAsync<string>("SELECT state FROM campaigns WHERE id = @c", ("c", failing.Id)));
        Assert.StartsWith("Provider error rate 7 of the last 30", await cluster.ScalarAsync<string>("SELECT pause_reason FROM campaigns WHERE id = @c", ("c", failing.Id)));
        Assert.Equal("Running", whileQueued);
        Assert.Equal("Completed", await cluster.ScalarAsync<string>("SELECT state FROM campaigns WHERE id = @c", ("c", finished.Id)));
        Assert.Equal(1L, await cluster.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE action = 'campaign.auto_paused' AND details::text LIKE '%' || @c || '%'", ("c", failing.Id.ToString())));
    }

    [Fact]
    public async Task A_scheduled_campaign_starts_at_its_time_and_enrolls_its_audience_then()
    {
        var team = await cluster.TeamAsync("Scheduled", numbers: 5);
        await cluster.TagProspectsAsync(team, "scheduled", 5, exchange: 252);
        Campaign campaign;
        await using (var scope = CampaignCluster.Scope(cluster.NodeA, team))
        {
            var service = scope.ServiceProvider.GetRequiredService<CampaignService>();
            campaign = await service.CreateAsync(CampaignCluster.Plan("scheduled") with { StartAt = DateTimeOffset.UtcNow.AddSeconds(1) }, new AuditActor(null, "tester"), default);
            campaign = await service.TransitionAsync(campaign.Id, CampaignState.Scheduled, null, new AuditActor(null, "tester"), default);
        }
        Assert.Equal(0, campaign.Enrolled);
        await Task.Delay(1500);

        await cluster.NodeA.Services.GetRequiredService<CampaignSweep>().RunAsync(default);

        Assert.Equal("Running", await cluster.ScalarAsync<string>("SELECT state FROM campaigns WHERE id = @c", ("c", campaign.Id)));
        Assert.Equal(5, await cluster.ScalarAsync<int>("SELECT enrolled FROM campaigns WHERE id = @c", ("c", campaign.Id)));
    }

    [Fact]
    public async Task A_team_monthly_budget_caps_every_campaign_of_the_team_together()
    {
        var team = await cluster.TeamAsync("Team budget", numbers: 10);
        await cluster.TagProspectsAsync(team, "team-budget", 60, exchange: 243);
        await using (var db = cluster.System())
        {
            var limits = TeamSendingLimits.Defaults(team, TimeProvider.System);
            limits.Change(0.10m, 1, 3, TimeProvider.System);
            db.Add(limits);
            await db.SaveChangesAsync();
        }
        var first = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("team-budget"));

        await cluster.NodeA.Services.GetRequiredService<CampaignEngine>().PumpOnceAsync(default);

        // 0.10 / 0.0079 = 12.6.
        Assert.Equal(12L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE team_id = @t", ("t", team)));
        Assert.True(await cluster.ScalarAsync<long>("SELECT count(*) FROM guardrail_events WHERE campaign_id = @c AND reason = 'TeamBudget'", ("c", first.Id)) > 0);
    }

    [Fact]
    public async Task Frequency_caps_hold_across_campaigns_and_defer_the_second_campaigns_message()
    {
        var team = await cluster.TeamAsync("Frequency", numbers: 5);
        await cluster.TagProspectsAsync(team, "frequency", 10, exchange: 244);
        var engine = cluster.NodeA.Services.GetRequiredService<CampaignEngine>();
        var first = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("frequency"));
        await engine.PumpAsync(TimeSpan.FromSeconds(30), default);
        var second = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("frequency", new CampaignStep(0, "A different hello to {{first_name}}")));

        await engine.PumpAsync(TimeSpan.FromSeconds(30), default);

        Assert.Equal(10L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE campaign_id = @c", ("c", first.Id)));
        Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE campaign_id = @c", ("c", second.Id)));
        Assert.Equal(10L, await cluster.ScalarAsync<long>(
            "SELECT count(*) FROM campaign_enrollments WHERE campaign_id = @c AND state = 'Pending' AND last_skip_reason = 'FrequencyCap' AND next_due_at > now() + interval '23 hours'", ("c", second.Id)));
    }

    [Fact]
    public async Task A_reply_stops_the_sequence_and_an_opt_out_ends_every_campaign_of_the_prospect()
    {
        var team = await cluster.TeamAsync("Replies", numbers: 5);
        await cluster.TagProspectsAsync(team, "replies", 2, exchange: 245);
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("replies", new CampaignStep(0, "Hi {{first_name}}"), new CampaignStep(1, "Following up")));
        var prospects = await cluster.System().Set<CampaignEnrollment>().Where(e => e.CampaignId == campaign.Id).OrderBy(e => e.Id).Select(e => e.ProspectId).ToListAsync();
        var replies = cluster.NodeA.Services.GetRequiredService<CampaignReplies>();

        await replies.ApplyAsync(team, prospects[0], optOut: false, default);
        await replies.ApplyAsync(team, prospects[1], optOut: true, default);

        var states = await cluster.System().Set<CampaignEnrollment>().Where(e => e.CampaignId == campaign.Id).OrderBy(e => e.Id).Select(e => e.State).ToListAsync();
        Assert.Equal([EnrollmentState.Replied, EnrollmentState.OptedOut], states);
        Assert.Equal(0, await cluster.NodeA.Services.GetRequiredService<CampaignEngine>().PumpOnceAsync(default));
    }

    [Fact]
    public async Task First_contact_waits_for_approval_and_goes_once_approved()
    {
        var team = await cluster.TeamAsync("Approval", numbers: 5);
        await cluster.TagProspectsAsync(team, "approval", 3, exchange: 246);
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("approval") with { RequireApproval = true });
        var engine = cluster.NodeA.Services.GetRequiredService<CampaignEngine>();

        Assert.Equal(0, await engine.PumpOnceAsync(default));
        await using (var scope = CampaignCluster.Scope(cluster.NodeA, team))
        {
            Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<CampaignService>().ApproveAsync(campaign.Id, null, new AuditActor(null, "tester"), default));
        }
        await engine.PumpAsync(TimeSpan.FromSeconds(30), default);

        Assert.Equal(3L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE campaign_id = @c", ("c", campaign.Id)));
    }

    [Fact]
    public async Task After_the_kill_switch_is_acknowledged_no_message_reaches_the_provider_while_the_pump_runs_at_full_speed()
    {
        var team = await cluster.TeamAsync("Kill", numbers: 50);
        await cluster.TagProspectsAsync(team, "kill", 1500, exchange: 247);
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("kill"));
        var dispatcher = cluster.NodeA.Services.GetRequiredService<OutboundDispatcher>();
        var dispatcherB = cluster.NodeB.Services.GetRequiredService<OutboundDispatcher>();
        using var stop = new CancellationTokenSource();
        await dispatcher.StartAsync(stop.Token);
        await dispatcherB.StartAsync(stop.Token);
        var pump = cluster.NodeA.Services.GetRequiredService<CampaignEngine>().PumpAsync(TimeSpan.FromMinutes(2), stop.Token);
        try
        {
            // Wait until messages are flowing to the provider.
            for (var i = 0; i < 400 && await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE campaign_id = @c AND handed_at IS NOT NULL", ("c", campaign.Id)) < 100; i++)
            {
                await Task.Delay(25);
            }

            KillSwitchAck ack;
            await using (var scope = CampaignCluster.Scope(cluster.NodeB, team))
            {
                ack = await scope.ServiceProvider.GetRequiredService<KillSwitches>().StopCampaignAsync(campaign.Id, "Wrong template", new AuditActor(null, "tester"), default);
            }
            var acknowledged = DateTimeOffset.UtcNow;
            await Task.Delay(1500);

            var campaignMessages = (await cluster.System().Set<Message>().Where(m => m.CampaignId == campaign.Id).Select(m => m.Id).ToListAsync()).ToHashSet();
            var calls = cluster.Provider.Calls.Where(c => campaignMessages.Contains(c.MessageId)).ToList();
            Assert.NotEmpty(calls);
            Assert.DoesNotContain(calls, c => c.At > acknowledged);
            Assert.True(await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE campaign_id = @c AND status = 'Queued'", ("c", campaign.Id)) > 0,
                "the pump queued more than the provider got before the switch");
            // Everything the provider got in the seconds before the acknowledgement is listed.
            var listed = ack.HandedOver.Select(h => h.Id).ToHashSet();
            Assert.All(calls.Where(c => c.At > acknowledged.AddSeconds(-5)), c => Assert.Contains(c.MessageId, listed));
        }
        finally
        {
            await stop.CancelAsync();
            await dispatcher.StopAsync(default);
            await dispatcherB.StopAsync(default);
            try
            {
                await pump;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
