using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Messaging;
using Outreach.Domain.Reports;
using Outreach.Infrastructure.Calendar;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Messaging.Inbound;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Reports;

namespace Outreach.Infrastructure.Tests.Campaigns;

/// <summary>
/// What a campaign is credited with, and what its kill switches do to the books: replies and opt-outs count for the
/// campaign and step whose message they answer, whatever state the enrollment is in, the same on the tiles, the
/// campaign list, the opt-out pause and the reports; a stopped team's campaigns are held, not retried, and its
/// refusals are one guardrail entry per stop with a count.
/// </summary>
public sealed class CampaignAccountingTests(CampaignCluster cluster) : IClassFixture<CampaignCluster>
{
    private static readonly AuditActor Tester = new(null, "tester");

    [Fact]
    public async Task A_one_message_campaign_is_credited_with_its_replies_and_opt_outs_everywhere_and_pauses_on_the_opt_out_rate()
    {
        var team = await cluster.TeamAsync("One message", numbers: 4);
        await cluster.TagProspectsAsync(team, "one-message", 30, exchange: 260);
        // The daily cap leaves 10 for tomorrow: the campaign is still running when the opt-outs come in.
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("one-message") with { DailyCap = 20 });
        await cluster.NodeA.Services.GetRequiredService<CampaignEngine>().PumpAsync(TimeSpan.FromSeconds(30), default);
        await DeliverAsync(campaign.Id);
        var sends = await SendsAsync(campaign.Id);

        for (var i = 0; i < 3; i++)
        {
            await ReplyAsync(team, sends[i], "I might be. Call me");
        }
        await ReplyAsync(team, sends[3], "STOP");
        await ReplyAsync(team, sends[4], "UNSUBSCRIBE");

        // A one-step campaign completes each enrollment as its message goes: the state says nothing of the replies.
        Assert.Equal(20L, await cluster.ScalarAsync<long>("SELECT count(*) FROM campaign_enrollments WHERE campaign_id = @c AND state = 'Completed'", ("c", campaign.Id)));
        Assert.Equal(20, sends.Count);
        await using (var scope = CampaignCluster.Scope(cluster.NodeA, team))
        {
            var queries = scope.ServiceProvider.GetRequiredService<CampaignQueries>();
            var tile = Assert.Single(await queries.TilesAsync(default), t => t.Id == campaign.Id);
            Assert.Equal((20L, 5L, 2L), (tile.Counts.Sent, tile.Counts.Replies, tile.Counts.OptOuts));
            Assert.Equal(tile.Counts, (await queries.CountsAsync([campaign.Id], default))[campaign.Id]);

            var report = await ReportAsync(scope, team);
            var row = Assert.Single(report.Breakdowns[ReportDimension.Campaign], r => r.Key == campaign.Id.ToString());
            Assert.Equal((20L, 5L, 2L), (row.Current.Sent, row.Current.Replies, row.Current.OptOuts));
            var step = Assert.Single(report.Breakdowns[ReportDimension.Step], r => r.Key == $"{campaign.Id}:0");
            Assert.Equal((5L, 2L), (step.Current.Replies, step.Current.OptOuts));
        }

        await cluster.NodeA.Services.GetRequiredService<CampaignSweep>().RunAsync(default);

        Assert.Equal("Paused", await cluster.ScalarAsync<string>("SELECT state FROM campaigns WHERE id = @c", ("c", campaign.Id)));
        Assert.StartsWith("Opt-out rate 2 of the last 20 sent", await cluster.ScalarAsync<string>("SELECT pause_reason FROM campaigns WHERE id = @c", ("c", campaign.Id)));
    }

    [Fact]
    public async Task A_reply_counts_for_the_step_it_answers_and_not_for_a_campaign_a_person_spoke_after()
    {
        var team = await cluster.TeamAsync("Steps", numbers: 3);
        await cluster.TagProspectsAsync(team, "steps", 3, exchange: 261);
        await using (var db = cluster.System())
        {
            // Two steps on one day: the frequency cap would otherwise defer the second to tomorrow.
            var limits = TeamSendingLimits.Defaults(team, TimeProvider.System);
            limits.Change(null, 5, 10, TimeProvider.System);
            db.Add(limits);
            await db.SaveChangesAsync();
        }
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("steps",
            new CampaignStep(0, "Hi {{first_name}}, a question"), new CampaignStep(24, "Following up, {{first_name}}")) with { StopOnReply = false });
        var engine = cluster.NodeA.Services.GetRequiredService<CampaignEngine>();
        await engine.PumpAsync(TimeSpan.FromSeconds(30), default);
        await DeliverAsync(campaign.Id);
        // The second step falls due for everyone and goes.
        await cluster.ScalarAsync<int>("WITH u AS (UPDATE campaign_enrollments SET next_due_at = now() WHERE campaign_id = @c RETURNING 1) SELECT count(*)::int FROM u", ("c", campaign.Id));
        await engine.PumpAsync(TimeSpan.FromSeconds(30), default);
        await DeliverAsync(campaign.Id);
        var sends = await SendsAsync(campaign.Id);
        Assert.Equal(6, sends.Count);
        var secondSteps = sends.Where(s => s.Step == 1).ToList();

        // Prospect 0 answers the second step; prospect 1 gets a message from a person first, then answers that.
        await ReplyAsync(team, secondSteps[0], "yes");
        await cluster.ScalarAsync<int>("""
            WITH m AS (
                INSERT INTO messages (id, team_id, conversation_id, direction, source, body, "from", "to", status, provider, segments, attempts,
                                      sent_by_name, created_at, sent_at, delivered_at)
                SELECT gen_random_uuid(), team_id, conversation_id, 'Outbound', 'Manual', 'Can I call you?', "from", "to", 'Delivered', provider, 1, 1,
                       'Agent', now(), now(), now()
                FROM messages WHERE id = @id
                RETURNING 1)
            SELECT count(*)::int FROM m
            """, ("id", secondSteps[1].Id));
        await ReplyAsync(team, secondSteps[1], "sure, after 5");

        await using var scope = CampaignCluster.Scope(cluster.NodeA, team);
        var counts = (await scope.ServiceProvider.GetRequiredService<CampaignQueries>().CountsAsync([campaign.Id], default))[campaign.Id];
        Assert.Equal(1L, counts.Replies);
        var report = await ReportAsync(scope, team);
        var steps = report.Breakdowns[ReportDimension.Step].Where(r => r.Key?.StartsWith(campaign.Id.ToString(), StringComparison.Ordinal) == true)
            .ToDictionary(r => r.Key!, r => r.Current.Replies);
        Assert.Equal(0L, steps.GetValueOrDefault($"{campaign.Id}:0"));
        Assert.Equal(1L, steps[$"{campaign.Id}:1"]);
        Assert.Equal(2L, report.Current.Replies);
    }

    [Fact]
    public async Task A_team_stop_holds_its_campaigns_untouched_and_its_refusals_are_one_entry_per_stop()
    {
        var team = await cluster.TeamAsync("Stopped team", numbers: 3);
        await cluster.TagProspectsAsync(team, "stopped", 12, exchange: 262);
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("stopped"));
        var prospects = await cluster.System().Set<CampaignEnrollment>().Where(e => e.CampaignId == campaign.Id).Select(e => e.ProspectId).ToListAsync();
        var engine = cluster.NodeA.Services.GetRequiredService<CampaignEngine>();

        // Stopped with a click: no reason yet.
        await using (var scope = CampaignCluster.Scope(cluster.NodeA, team))
        {
            await scope.ServiceProvider.GetRequiredService<KillSwitches>().StopTeamAsync(null, Tester, default);
        }
        var dueBefore = await cluster.ScalarAsync<DateTime>("SELECT max(next_due_at) FROM campaign_enrollments WHERE campaign_id = @c", ("c", campaign.Id));
        Assert.Equal(0, await engine.PumpOnceAsync(default));
        Assert.Equal(0, await engine.PumpOnceAsync(default));
        for (var i = 0; i < 3; i++)
        {
            Assert.False((await ManualSendAsync(team, prospects[i], $"manual-{i}")).IsQueued);
        }
        await using (var scope = CampaignCluster.Scope(cluster.NodeA, team))
        {
            var switches = scope.ServiceProvider.GetRequiredService<KillSwitches>();
            Assert.Null((await switches.StopsAsync(default)).Team!.Reason);
            await switches.ExplainAsync(KillSwitchKind.Team, null, "Carrier complaint under review", Tester, default);
            Assert.Equal("Carrier complaint under review", (await switches.StopsAsync(default)).Team!.Reason);
        }

        // The engine never touched the enrollments, and the three refusals are one entry that counts them.
        Assert.Equal(dueBefore, await cluster.ScalarAsync<DateTime>("SELECT max(next_due_at) FROM campaign_enrollments WHERE campaign_id = @c", ("c", campaign.Id)));
        Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE team_id = @t", ("t", team)));
        Assert.Equal("1 3", await cluster.ScalarAsync<string>(
            "SELECT count(*) || ' ' || sum(held) FROM guardrail_events WHERE team_id = @t AND reason = 'TeamKillSwitch'", ("t", team)));
        Assert.Equal(1L, await cluster.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entries WHERE team_id = @t AND action = 'sending.kill_switch_explained' AND summary LIKE '%Carrier complaint%'", ("t", team)));

        // The calendar shows everything due as held while the stop lasts.
        await cluster.ScalarAsync<int>("WITH u AS (UPDATE campaign_enrollments SET next_due_at = now() + interval '1 hour' WHERE campaign_id = @c RETURNING 1) SELECT count(*)::int FROM u", ("c", campaign.Id));
        await using (var scope = CampaignCluster.Scope(cluster.NodeA, team))
        {
            var grid = await scope.ServiceProvider.GetRequiredService<ScheduleCalendar>().GridAsync(null, 2, new CalendarFilter(campaign.Id), default);
            Assert.Equal((0L, 12L), (grid.Buckets.Sum(b => b.CampaignSends), grid.Buckets.Sum(b => b.HeldCampaignSends)));
        }

        // A second stop is a second entry.
        await using (var scope = CampaignCluster.Scope(cluster.NodeA, team))
        {
            var switches = scope.ServiceProvider.GetRequiredService<KillSwitches>();
            await switches.ResumeTeamAsync(Tester, default);
            await Task.Delay(10);
            await switches.StopTeamAsync("Again", Tester, default);
        }
        Assert.False((await ManualSendAsync(team, prospects[5], "manual-again")).IsQueued);
        Assert.Equal("2 4", await cluster.ScalarAsync<string>(
            "SELECT count(*) || ' ' || sum(held) FROM guardrail_events WHERE team_id = @t AND reason = 'TeamKillSwitch'", ("t", team)));

        // Resumed, everything held goes.
        await using (var scope = CampaignCluster.Scope(cluster.NodeA, team))
        {
            await scope.ServiceProvider.GetRequiredService<KillSwitches>().ResumeTeamAsync(Tester, default);
        }
        await cluster.ScalarAsync<int>("WITH u AS (UPDATE campaign_enrollments SET next_due_at = now() WHERE campaign_id = @c RETURNING 1) SELECT count(*)::int FROM u", ("c", campaign.Id));
        await engine.PumpAsync(TimeSpan.FromSeconds(30), default);
        Assert.Equal(12L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages WHERE campaign_id = @c", ("c", campaign.Id)));
    }

    [Fact]
    public async Task A_campaign_kill_switch_stops_without_a_reason_and_records_the_one_given_after()
    {
        var team = await cluster.TeamAsync("Campaign stop", numbers: 2);
        await cluster.TagProspectsAsync(team, "campaign-stop", 2, exchange: 263);
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("campaign-stop"));

        await using var scope = CampaignCluster.Scope(cluster.NodeA, team);
        var switches = scope.ServiceProvider.GetRequiredService<KillSwitches>();
        var ack = await switches.StopCampaignAsync(campaign.Id, null, Tester, default);
        var reasonBefore = await cluster.ScalarAsync<string>("SELECT pause_reason FROM campaigns WHERE id = @c", ("c", campaign.Id));
        await switches.ExplainAsync(KillSwitchKind.Campaign, campaign.Id, "Wrong offer in the template", Tester, default);

        Assert.Empty(ack.HandedOver);
        Assert.Equal("Kill switch (no reason given yet)", reasonBefore);
        Assert.Equal("Kill switch: Wrong offer in the template", await cluster.ScalarAsync<string>("SELECT pause_reason FROM campaigns WHERE id = @c", ("c", campaign.Id)));
        Assert.Equal(2L, await cluster.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entries WHERE team_id = @t AND action IN ('sending.kill_switch_engaged', 'sending.kill_switch_explained')", ("t", team)));
    }

    private sealed record Send(Guid Id, string From, string To, int Step);

    private async Task DeliverAsync(Guid campaignId) =>
        await cluster.ScalarAsync<int>("""
            WITH u AS (UPDATE messages SET status = 'Delivered', sent_at = coalesce(sent_at, now()), delivered_at = now()
                       WHERE campaign_id = @c AND status = 'Queued' RETURNING 1)
            SELECT count(*)::int FROM u
            """, ("c", campaignId));

    private async Task<List<Send>> SendsAsync(Guid campaignId)
    {
        await using var connection = new NpgsqlConnection(cluster.Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, \"from\", \"to\", campaign_step FROM messages WHERE campaign_id = @c ORDER BY \"to\", campaign_step", connection);
        command.Parameters.AddWithValue("c", campaignId);
        var sends = new List<Send>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sends.Add(new Send(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }
        return sends;
    }

    /// <summary>The prospect answers on the number the message came from, through the real ingest.</summary>
    private async Task ReplyAsync(Guid team, Send send, string body)
    {
        var numberId = await cluster.ScalarAsync<Guid>("SELECT id FROM sending_numbers WHERE number = @n", ("n", send.From));
        var route = new SendingNumberRoute(numberId, team, send.From, "simulator");
        var result = await cluster.NodeA.Services.GetRequiredService<InboundMessages>().ReceiveAsync(route,
            new InboundSms("SM" + Guid.NewGuid().ToString("N"), send.To, send.From, body), default);
        Assert.True(result.Recorded);
    }

    private static async Task<ReportRollupResult> ReportAsync(AsyncServiceScope scope, Guid team)
    {
        var rollup = scope.ServiceProvider.GetRequiredService<ReportRollup>();
        var zone = await rollup.TeamTimeZoneAsync(default);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
        return await rollup.RunAsync(new ReportPeriod(today.AddDays(-1), today.AddDays(1), zone), default);
    }

    private async Task<QueueResult> ManualSendAsync(Guid team, Guid prospect, string key)
    {
        await using var scope = CampaignCluster.Scope(cluster.NodeA, team);
        return await scope.ServiceProvider.GetRequiredService<OutboundQueue>().SendAsync(
            new OutboundRequest(prospect, "A word from a person " + key.ToString(CultureInfo.InvariantCulture), MessageSource.Manual, key), default);
    }
}
