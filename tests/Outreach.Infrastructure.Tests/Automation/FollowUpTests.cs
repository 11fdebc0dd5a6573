using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Domain.Automation;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Common;
using Outreach.Domain.Inbox;
using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Automation;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging.Inbound;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Tests.Campaigns;
using Outreach.TestSupport;

namespace Outreach.Infrastructure.Tests.Automation;

/// <summary>
/// Follow-up rules against a real database, on two nodes: replies (through the real inbound path and
/// classifier) and campaign steps schedule executions, the executor runs them through the outbound queue and
/// its guardrails, and every execution acts exactly once. Time passing is simulated by moving an execution's
/// due time, never by waiting.
/// </summary>
public sealed class FollowUpTests(CampaignCluster cluster) : IClassFixture<CampaignCluster>
{
    private static readonly RuleActor Manager = new(Guid.NewGuid(), "Mia Manager", TeamRole.Manager);

    [Fact]
    public async Task An_email_capture_schedules_the_check_for_24_hours_later_and_a_reply_before_then_cancels_it()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("E-mail capture", 251);

        var capture = await ReplyAsync(team, numbers, 0, "Sure, send it to pat0@example.com");
        var pending = await ExecutionsAsync(team);
        await ReplyAsync(team, numbers, 0, "Actually, what is this about?");
        var after = await ExecutionsAsync(team);

        var check = Assert.Single(pending, e => e.Rule == "E-mail captured, no reply in 24 hours");
        Assert.Equal(ExecutionStatus.Pending, check.Status);
        Assert.Equal(check.TriggeredAt.AddHours(24), check.DueAt);
        Assert.Equal(ReplyKind.EmailCaptured, capture.Classification!.Kind);
        Assert.Contains(after, e => e.Id == check.Id && e.Status == ExecutionStatus.Skipped && e.Reason == "Cancelled: the prospect replied.");
        // The question that cancelled it starts the question rule, which a further message does not cancel.
        Assert.Contains(after, e => e.Rule == "Question unanswered for an hour" && e.Status == ExecutionStatus.Pending);
    }

    [Fact]
    public async Task A_due_follow_up_is_rendered_for_the_prospect_sent_through_the_queue_once_and_completed()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Ask for e-mail", 252);
        await ReplyAsync(team, numbers, 0, "Yes, I'm interested");
        var ask = Assert.Single(await ExecutionsAsync(team), e => e.Rule == "Interested without an e-mail: ask for it");

        await DueNowAsync(ask.Id);
        await RunAllAsync();
        await RunAllAsync();

        var done = Assert.Single(await ExecutionsAsync(team), e => e.Id == ask.Id);
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        var message = Assert.Single(await FollowUpMessagesAsync(team));
        Assert.Equal("Great to hear, Pat0! What's the best e-mail to send the details to?", message.Body);
        Assert.Equal($"followup:{ask.Id}:0", message.Key);
        Assert.Equal(done.MessageId, message.Id);
        Assert.Equal("Rule: Interested without an e-mail: ask for it", message.SentBy);
    }

    [Fact]
    public async Task Quiet_hours_defer_a_follow_up_which_waits_as_a_pending_execution_until_the_recipient_s_morning()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Quiet hours", 253);
        await ReplyAsync(team, numbers, 0, "Yes, I'm interested");
        var ask = Assert.Single(await ExecutionsAsync(team), e => e.Rule == "Interested without an e-mail: ask for it");
        await cluster.ScalarAsync<int>("WITH u AS (UPDATE prospects SET time_zone = @zone WHERE team_id = @team RETURNING 1) SELECT count(*)::int FROM u",
            ("zone", TestZones.WhereItIs(3)), ("team", team));

        await DueNowAsync(ask.Id);
        await RunAllAsync();

        var deferred = Assert.Single(await ExecutionsAsync(team), e => e.Id == ask.Id);
        Assert.Equal(ExecutionStatus.Pending, deferred.Status);
        Assert.StartsWith("Deferred: ", deferred.Reason);
        Assert.True(deferred.DueAt > DateTimeOffset.UtcNow.AddHours(3), $"due {deferred.DueAt:O} should be the recipient's morning");
        Assert.Empty(await FollowUpMessagesAsync(team));
        Assert.Equal(0, deferred.ActionsDone);
    }

    [Fact]
    public async Task No_rule_ever_messages_a_suppressed_number_and_an_opt_out_cancels_everything_pending()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Suppressed", 254);
        await ReplyAsync(team, numbers, 0, "Yes, I'm interested");
        await ReplyAsync(team, numbers, 1, "Yes, I'm interested");
        var first = Assert.Single(await ExecutionsAsync(team), e => e.Rule == "Interested without an e-mail: ask for it" && e.Phone == numbers.Prospect(0));
        await cluster.ScalarAsync<int>("""
            WITH s AS (INSERT INTO suppressions (team_id, channel, value, reason, source, created_at)
                       VALUES (@team, 'Sms', @phone, 'Manual', 'test', now()) RETURNING 1) SELECT count(*)::int FROM s
            """, ("team", team), ("phone", numbers.Prospect(0)));

        await DueNowAsync(first.Id);
        await RunAllAsync();
        await ReplyAsync(team, numbers, 1, "STOP");

        var all = await ExecutionsAsync(team);
        var blocked = Assert.Single(all, e => e.Id == first.Id);
        Assert.Equal(ExecutionStatus.Skipped, blocked.Status);
        Assert.StartsWith("Not sent: ", blocked.Reason);
        Assert.Contains("do-not-contact", blocked.Reason);
        // The hot-lead task rule is not cancelled by an ordinary reply, but an opt-out ends it too.
        Assert.All(all.Where(e => e.Phone == numbers.Prospect(1)), e => Assert.Equal((ExecutionStatus.Skipped, "Cancelled: the prospect opted out."), (e.Status, e.Reason)));
        Assert.Empty(await FollowUpMessagesAsync(team));
        Assert.Equal(1L, await cluster.ScalarAsync<long>("SELECT count(*) FROM guardrail_events WHERE team_id = @team AND reason = 'Suppressed' AND source = 'FollowUp'", ("team", team)));
    }

    [Fact]
    public async Task An_unanswered_question_becomes_one_task_and_a_teammate_s_answer_cancels_the_wait()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Questions", 255);
        var answered = await ReplyAsync(team, numbers, 0, "How much does it cost?");
        var unanswered = await ReplyAsync(team, numbers, 1, "How much does it cost?");
        await using (var scope = CampaignCluster.Scope(cluster.NodeA, team))
        {
            await scope.ServiceProvider.GetRequiredService<OutboundQueue>().SendAsync(
                new OutboundRequest(answered.ProspectId!.Value, "It depends on the size; can I call you?", Domain.Messaging.MessageSource.Manual, SentByName: "Ana Agent")
                {
                    ConversationId = answered.ConversationId,
                }, default);
        }
        var question = Assert.Single(await ExecutionsAsync(team), e => e.Rule == "Question unanswered for an hour" && e.Phone == numbers.Prospect(1));

        await DueNowAsync(question.Id);
        await RunAllAsync();
        await RunAllAsync();

        var all = await ExecutionsAsync(team);
        Assert.Contains(all, e => e.Rule == "Question unanswered for an hour" && e.Phone == numbers.Prospect(0)
            && e.Status == ExecutionStatus.Skipped && e.Reason == "Cancelled: Ana Agent answered.");
        Assert.Equal((ExecutionStatus.Completed, "Task \"Answer the question\" for the owner."), (all.Single(e => e.Id == question.Id).Status, all.Single(e => e.Id == question.Id).Reason));
        var task = Assert.Single(await TasksAsync(team));
        Assert.Equal(("Answer the question", "Normal", unanswered.ConversationId, unanswered.ProspectId, "Rule: Question unanswered for an hour", $"rule:{question.Id}:0"),
            (task.Title, task.Priority, (Guid?)task.ConversationId, (Guid?)task.ProspectId, task.CreatedBy, task.SourceKey));
        Assert.Null(task.AssigneeUserId);
    }

    [Fact]
    public async Task A_question_in_a_conversation_marked_done_makes_no_task_and_a_new_reply_arms_the_rule_again()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Done first", 265);
        var question = await ReplyAsync(team, numbers, 0, "How much does it cost?");
        var wait = Assert.Single(await ExecutionsAsync(team), e => e.Rule == "Question unanswered for an hour");
        await InboxAsync(team, (inbox, agent) => inbox.MarkDoneAsync(agent, [question.ConversationId!.Value], default));

        await DueNowAsync(wait.Id);
        await RunAllAsync();
        var skipped = Assert.Single(await ExecutionsAsync(team), e => e.Id == wait.Id);
        var tasksWhileDone = await TasksAsync(team);
        // The prospect writes again: the conversation is open again and the rule is armed as for any reply.
        await ReplyAsync(team, numbers, 0, "Hello? How much does it cost?");
        var again = Assert.Single(await ExecutionsAsync(team), e => e.Rule == wait.Rule && e.Status == ExecutionStatus.Pending);
        await DueNowAsync(again.Id);
        await RunAllAsync();

        Assert.Equal((ExecutionStatus.Skipped, "The conversation was marked done."), (skipped.Status, skipped.Reason));
        Assert.Empty(tasksWhileDone);
        Assert.Equal(ExecutionStatus.Completed, Assert.Single(await ExecutionsAsync(team), e => e.Id == again.Id).Status);
        Assert.Equal("Answer the question", Assert.Single(await TasksAsync(team)).Title);
    }

    [Fact]
    public async Task A_question_in_a_snoozed_conversation_waits_for_the_snooze_to_end_instead_of_making_a_task()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Snoozed first", 266);
        var question = await ReplyAsync(team, numbers, 0, "How much does it cost?");
        var wait = Assert.Single(await ExecutionsAsync(team), e => e.Rule == "Question unanswered for an hour");
        var until = DateTimeOffset.UtcNow.AddHours(3);
        await InboxAsync(team, (inbox, agent) => inbox.SnoozeAsync(agent, [question.ConversationId!.Value], until, default));

        await DueNowAsync(wait.Id);
        await RunAllAsync();

        var waiting = Assert.Single(await ExecutionsAsync(team), e => e.Id == wait.Id);
        Assert.Equal((ExecutionStatus.Pending, "Waiting: the conversation is snoozed.", 0), (waiting.Status, waiting.Reason, waiting.ActionsDone));
        Assert.Equal(until.UtcTicks / TimeSpan.TicksPerMillisecond, waiting.DueAt.UtcTicks / TimeSpan.TicksPerMillisecond);
        Assert.Empty(await TasksAsync(team));
    }

    private async Task InboxAsync(Guid team, Func<Outreach.Infrastructure.Inbox.InboxActions, Outreach.Infrastructure.Inbox.InboxActor, Task<int>> change)
    {
        await using var scope = CampaignCluster.Scope(cluster.NodeA, team);
        var changed = await change(scope.ServiceProvider.GetRequiredService<Outreach.Infrastructure.Inbox.InboxActions>(),
            new Outreach.Infrastructure.Inbox.InboxActor(Guid.NewGuid(), "Ana", TeamRole.Agent));
        Assert.Equal(1, changed);
    }

    [Fact]
    public async Task Conditions_are_checked_again_when_a_rule_fires_and_a_rule_paused_when_it_comes_due_skips()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Conditions", 256, defaults: false);
        var rules = Rules(team);
        var tag = await rules.SaveAsync(Manager, null, "Tag hot responses", new RuleDefinition(
            new RuleTrigger(RuleTriggerKind.ReplyClassified, 10) { ReplyKinds = [ReplyKind.Interested] },
            new RuleConditions { Buckets = [InboxBucket.HotResponses] },
            [RuleAction.AddTag("hot-response")]), default);
        var paused = await rules.SaveAsync(Manager, null, "Paused rule", new RuleDefinition(
            new RuleTrigger(RuleTriggerKind.ReplyClassified) { ReplyKinds = [ReplyKind.Interested] }, RuleConditions.Any, [RuleAction.AddTag("later")]), default);
        var reply = await ReplyAsync(team, numbers, 0, "Yes, I'm interested");
        await using (var scope = CampaignCluster.Scope(cluster.NodeA, team))
        {
            await scope.ServiceProvider.GetRequiredService<Outreach.Infrastructure.Inbox.InboxActions>().MoveAsync(
                new Outreach.Infrastructure.Inbox.InboxActor(Guid.NewGuid(), "Ana", TeamRole.Agent), [reply.ConversationId!.Value], InboxBucket.Objections, "Not really", default);
        }
        await rules.SwitchAsync(Manager, paused.Id, enabled: false, default);

        await DueNowAsync((await ExecutionsAsync(team)).Select(e => e.Id).ToArray());
        await RunAllAsync();

        var all = await ExecutionsAsync(team);
        // Resumed, it schedules again: a long pause never ends in a burst of stale messages, but new replies count.
        await rules.SwitchAsync(Manager, paused.Id, enabled: true, default);
        await ReplyAsync(team, numbers, 0, "Yes, I'm interested");
        await RunAllAsync();
        var resumed = await ExecutionsAsync(team);

        Assert.Equal("No longer applies: the conversation is in Objections.", all.Single(e => e.RuleId == tag.Id).Reason);
        Assert.Equal((ExecutionStatus.Skipped, "The rule was paused when this came due."), (all.Single(e => e.RuleId == paused.Id).Status, all.Single(e => e.RuleId == paused.Id).Reason));
        Assert.Equal(ExecutionStatus.Completed, resumed.Last(e => e.RuleId == paused.Id).Status);
        Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM prospects WHERE team_id = @team AND 'hot-response' = ANY(tags)", ("team", team)));
        Assert.Equal(1L, await cluster.ScalarAsync<long>("SELECT count(*) FROM prospects WHERE team_id = @team AND 'later' = ANY(tags)", ("team", team)));
    }

    [Fact]
    public async Task Two_executors_racing_and_a_run_that_died_after_sending_act_exactly_once_per_execution()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Exactly once", 257, defaults: false, prospects: 60);
        var rule = await Rules(team).SaveAsync(Manager, null, "Everything once", new RuleDefinition(
            new RuleTrigger(RuleTriggerKind.ReplyClassified) { ReplyKinds = [ReplyKind.Interested] }, RuleConditions.Any,
            [RuleAction.Send("Thanks {{firstName}}, talk soon."), RuleAction.Task("Call back", TaskPriority.High, 15), RuleAction.Score(5), RuleAction.AddTag("followed-up")]), default);
        for (var i = 0; i < 60; i++)
        {
            await ReplyAsync(team, numbers, i, "Yes, I'm interested");
        }
        var scores = await ScoresAsync(team);

        var a = cluster.NodeA.Services.GetRequiredService<FollowUpExecutor>();
        var b = cluster.NodeB.Services.GetRequiredService<FollowUpExecutor>();
        var handled = await Task.WhenAll(Loop(a), Loop(b));
        // A node died after its send reached the queue but before it recorded the step: the lease ran out,
        // the progress is as it was before the send, and the task of the next step is not there yet.
        var crashed = (await ExecutionsAsync(team)).First().Id;
        await cluster.ScalarAsync<int>("""
            WITH t AS (DELETE FROM tasks WHERE source_key = 'rule:' || @id || ':1' RETURNING 1),
                 u AS (UPDATE follow_up_executions SET status = 'Running', actions_done = 0, lease_until = now() - interval '1 second',
                       finished_at = NULL, message_id = NULL WHERE id = @id RETURNING 1)
            SELECT (SELECT count(*) FROM t)::int + (SELECT count(*) FROM u)::int
            """, ("id", crashed));
        await cluster.ScalarAsync<int>("UPDATE prospects SET engagement_score = engagement_score - 5 WHERE id = (SELECT prospect_id FROM follow_up_executions WHERE id = @id) RETURNING 1", ("id", crashed));
        await Task.WhenAll(Loop(a), Loop(b));

        Assert.True(handled[0] > 0 && handled[1] > 0, $"both nodes should have run executions (a {handled[0]}, b {handled[1]})");
        var executions = await ExecutionsAsync(team);
        Assert.Equal(60, executions.Count);
        Assert.All(executions, e => Assert.Equal((ExecutionStatus.Completed, 4), (e.Status, e.ActionsDone)));
        var messages = await FollowUpMessagesAsync(team);
        Assert.Equal(60, messages.Count);
        Assert.Equal(60, messages.Select(m => m.Key).Distinct().Count());
        Assert.Equal(60, (await TasksAsync(team)).Count);
        var after = await ScoresAsync(team);
        Assert.All(scores, s => Assert.Equal(s.Value + 5, after[s.Key]));
        Assert.Equal(60L, await cluster.ScalarAsync<long>("SELECT count(*) FROM prospects WHERE team_id = @team AND 'followed-up' = ANY(tags)", ("team", team)));
        Assert.Equal(rule.Id, executions[0].RuleId);

        static async Task<int> Loop(FollowUpExecutor executor)
        {
            var total = 0;
            for (var handled = -1; handled != 0;)
            {
                handled = await executor.PumpOnceAsync(default);
                total += handled;
            }
            return total;
        }
    }

    [Fact]
    public async Task A_campaign_step_schedules_the_rules_it_triggers_once_even_when_the_batch_is_replayed()
    {
        var team = await cluster.TeamAsync("Campaign step", numbers: 3);
        await cluster.TagProspectsAsync(team, "step-rule", 5, exchange: 258);
        var campaign = await cluster.StartCampaignAsync(team, CampaignCluster.Plan("step-rule"));
        await Rules(team).SaveAsync(Manager, null, "Tag after the first step", new RuleDefinition(
            new RuleTrigger(RuleTriggerKind.CampaignStepCompleted) { CampaignId = campaign.Id, Step = 1 }, RuleConditions.Any,
            [RuleAction.AddTag("first-step-sent")]), default);
        var engine = cluster.NodeA.Services.GetRequiredService<CampaignEngine>();

        await engine.PumpAsync(TimeSpan.FromMinutes(1), default);
        await cluster.ScalarAsync<int>("WITH r AS (UPDATE campaign_enrollments SET step = 0, state = 'Pending', next_due_at = now() WHERE campaign_id = @c RETURNING 1) SELECT count(*)::int FROM r", ("c", campaign.Id));
        await engine.PumpAsync(TimeSpan.FromMinutes(1), default);
        var scheduled = await ExecutionsAsync(team);
        await RunAllAsync();

        Assert.Equal(5, scheduled.Count);
        Assert.All(scheduled, e => Assert.StartsWith("step:", e.Key));
        Assert.Equal(5L, await cluster.ScalarAsync<long>("SELECT count(*) FROM prospects WHERE team_id = @team AND 'first-step-sent' = ANY(tags)", ("team", team)));
    }

    [Fact]
    public async Task Rules_stop_at_the_team_s_limit_of_follow_ups_without_a_reply_which_only_admins_change()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Follow-up limit", 261, defaults: false);
        await using (var scope = cluster.NodeA.Services.CreateAsyncScope())
        {
            var tenant = scope.ServiceProvider.GetRequiredService<Tenancy.TenantScope>();
            var messaging = scope.ServiceProvider.GetRequiredService<Outreach.Infrastructure.Messaging.MessagingAdministration>();
            tenant.ActAs(team, new Caller(Manager.UserId, Manager.Name, TeamRole.Manager));
            var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() =>
                messaging.ChangeLimitsAsync(null, 5, 10, 0, new Domain.Auditing.AuditActor(null, "Mia"), default));
            Assert.Equal("Your role (Manager) cannot change sending limits and budgets.", refused.Message);
            // Caps wide enough that only the follow-up limit can stop the second message.
            tenant.ActAs(team, new Caller(Guid.NewGuid(), "Ada Admin", TeamRole.Admin));
            await messaging.ChangeLimitsAsync(null, 5, 10, 1, new Domain.Auditing.AuditActor(null, "Ada Admin"), default);
        }
        await Rules(team).SaveAsync(Manager, null, "Two nudges", new RuleDefinition(
            new RuleTrigger(RuleTriggerKind.ReplyClassified) { ReplyKinds = [ReplyKind.Interested] }, RuleConditions.Any,
            [RuleAction.Send("First nudge"), RuleAction.Send("Second nudge")]), default);

        await ReplyAsync(team, numbers, 0, "Yes, I'm interested");
        await RunAllAsync();

        var execution = Assert.Single(await ExecutionsAsync(team));
        Assert.Equal((ExecutionStatus.Skipped, 1), (execution.Status, execution.ActionsDone));
        Assert.Equal("Not sent: The prospect already had 1 follow-up without replying; the team allows 1.", execution.Reason);
        Assert.Equal(["First nudge"], (await FollowUpMessagesAsync(team)).Select(m => m.Body).ToArray());
    }

    [Fact]
    public async Task An_edit_reaches_pending_executions_but_one_already_under_way_finishes_what_it_started()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Edits", 262, defaults: false);
        var rules = Rules(team);
        var definition = new RuleDefinition(
            new RuleTrigger(RuleTriggerKind.ReplyClassified, 30) { ReplyKinds = [ReplyKind.Interested] }, RuleConditions.Any,
            [RuleAction.AddTag("first"), RuleAction.AddTag("second")]);
        var rule = await rules.SaveAsync(Manager, null, "Edited later", definition, default);
        await ReplyAsync(team, numbers, 0, "Yes, I'm interested");
        await ReplyAsync(team, numbers, 1, "Yes, I'm interested");
        var executions = await ExecutionsAsync(team);
        // The first one is half-way: its first action is done (as if it stopped there for quiet hours).
        await cluster.ScalarAsync<int>("UPDATE follow_up_executions SET actions_done = 1 WHERE id = @id RETURNING 1", ("id", executions[0].Id));

        await rules.SaveAsync(Manager, rule.Id, "Edited later", definition with { Actions = [RuleAction.AddTag("edited")] }, default);
        await DueNowAsync(executions.Select(e => e.Id).ToArray());
        await RunAllAsync();

        var tags = await TagsAsync(team);
        Assert.Equal(["second"], tags[numbers.Prospect(0)]);
        Assert.Equal(["edited"], tags[numbers.Prospect(1)]);
    }

    [Fact]
    public async Task A_reply_delivered_late_neither_moves_the_last_reply_back_nor_lets_its_follow_up_go()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Late webhook", 263);
        var inbound = cluster.NodeA.Services.GetRequiredService<InboundMessages>();
        var route = numbers.Routes[0];
        var first = DateTimeOffset.UtcNow.AddMinutes(-10);

        // "Got it, thanks" (sent second) arrives first; the e-mail capture sent before it is delivered after it.
        await inbound.ReceiveAsync(route, new InboundSms("SM" + Guid.NewGuid().ToString("N"), numbers.Prospect(0), route.Number, "Got it, thanks", ReceivedAt: first.AddMinutes(5)), default);
        await inbound.ReceiveAsync(route, new InboundSms("SM" + Guid.NewGuid().ToString("N"), numbers.Prospect(0), route.Number, "Send it to pat0@example.com", ReceivedAt: first), default);
        var check = Assert.Single(await ExecutionsAsync(team), e => e.Rule == "E-mail captured, no reply in 24 hours");
        await DueNowAsync(check.Id);
        await RunAllAsync();

        var last = await cluster.ScalarAsync<DateTime>("SELECT last_inbound_at FROM conversations WHERE team_id = @team", ("team", team));
        Assert.Equal(first.AddMinutes(5).UtcDateTime, last, TimeSpan.FromMilliseconds(1));
        var skipped = Assert.Single(await ExecutionsAsync(team), e => e.Id == check.Id);
        Assert.Equal((ExecutionStatus.Skipped, "Cancelled: the prospect replied."), (skipped.Status, skipped.Reason));
        Assert.Empty(await FollowUpMessagesAsync(team));
    }

    [Fact]
    public async Task Another_team_cannot_see_or_cancel_a_team_s_rules_and_executions_and_roles_are_checked_in_the_service()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Owner team", 259);
        var (other, _) = await TeamWithDefaultsAsync("Other team", 260, defaults: false);
        await ReplyAsync(team, numbers, 0, "Yes, I'm interested");
        var execution = (await ExecutionsAsync(team)).First();
        var rule = (await Rules(team).ListAsync(default)).First().Rule;

        var seen = await Rules(other).ListAsync(default);
        var found = await Rules(other).FindAsync(rule.Id, default);
        var cancelled = await Rules(other).CancelExecutionAsync(Manager, execution.Id, default);
        await Assert.ThrowsAsync<DomainException>(() => Rules(other).SwitchAsync(Manager, rule.Id, false, default));
        var vic = new RuleActor(Guid.NewGuid(), "Vic", TeamRole.Viewer);
        var ana = new RuleActor(Guid.NewGuid(), "Ana", TeamRole.Agent);
        var viewer = await Assert.ThrowsAsync<PermissionDeniedException>(() => Rules(team, vic).CancelExecutionAsync(vic, execution.Id, default));
        var agent = await Assert.ThrowsAsync<PermissionDeniedException>(() => Rules(team, ana).SwitchAsync(ana, rule.Id, false, default));
        var cancelledByAgent = await Rules(team, ana).CancelExecutionAsync(ana, execution.Id, default);
        var stranger = await Assert.ThrowsAsync<DomainException>(() => Rules(team).SaveAsync(Manager, null, "Task for a stranger", new RuleDefinition(
            new RuleTrigger(RuleTriggerKind.ReplyClassified), RuleConditions.Any,
            [new RuleAction(RuleActionKind.CreateTask) { Text = "Call", AssigneeUserId = Guid.NewGuid() }]), default));

        Assert.Empty(seen);
        Assert.Null(found);
        Assert.False(cancelled);
        Assert.Equal("Your role (Viewer) cannot cancel follow-ups.", viewer.Message);
        Assert.Equal("Your role (Agent) cannot change follow-up rules.", agent.Message);
        Assert.True(cancelledByAgent);
        Assert.Contains("active members", stranger.Message);
        Assert.Equal("Cancelled by Ana.", (await ExecutionsAsync(team)).Single(e => e.Id == execution.Id).Reason);
        Assert.True((await Rules(team).FindAsync(rule.Id, default))!.IsEnabled);
    }

    [Fact]
    public async Task The_execution_list_pages_and_sorts_on_the_server_without_repeating_or_losing_a_row()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Execution pages", 268);
        for (var i = 0; i < 3; i++)
        {
            await ReplyAsync(team, numbers, i, "Yes, I'm interested");
        }
        var all = await ExecutionsAsync(team);
        var pending = all.Where(e => e.Status == ExecutionStatus.Pending).ToList();
        var now = cluster.NodeA.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await CopyAsync(pending[0].Id, "done-older", ExecutionStatus.Completed, now.AddHours(-3));
        await CopyAsync(pending[0].Id, "done-newer", ExecutionStatus.Skipped, now.AddHours(-1));
        var upcoming = new ExecutionFilter(Upcoming: true);

        var first = await Rules(team).ExecutionsAsync(upcoming, 0, 4, null, default);
        var second = await Rules(team).ExecutionsAsync(upcoming, 4, 4, null, default);
        var byRule = await Rules(team).ExecutionsAsync(upcoming, 0, 100, new ExecutionSort(ExecutionOrder.Rule, Descending: false), default);
        var byRuleDescending = await Rules(team).ExecutionsAsync(upcoming, 0, 100, new ExecutionSort(ExecutionOrder.Rule, Descending: true), default);
        var latestFirst = await Rules(team).ExecutionsAsync(upcoming, 0, 100, new ExecutionSort(ExecutionOrder.Time, Descending: true), default);
        var history = await Rules(team).ExecutionsAsync(new ExecutionFilter(Upcoming: false), 0, 100, null, default);

        Assert.Equal(6, pending.Count);
        Assert.Equal((4, 6, 2, 6), (first.Rows.Count, first.Total, second.Rows.Count, second.Total));
        Assert.Equal(pending.Select(e => e.Id).Order(), first.Rows.Concat(second.Rows).Select(r => r.Id).Order());
        Assert.Equal(first.Rows.Concat(second.Rows).OrderBy(r => r.DueAt).ThenBy(r => r.Id).Select(r => r.Id), first.Rows.Concat(second.Rows).Select(r => r.Id));
        Assert.Equal(byRule.Rows.OrderBy(r => r.RuleName, StringComparer.Ordinal).Select(r => r.RuleName), byRule.Rows.Select(r => r.RuleName));
        Assert.Equal("Hot lead not contacted within 2 hours", byRule.Rows[0].RuleName);
        Assert.Equal("Interested without an e-mail: ask for it", byRuleDescending.Rows[0].RuleName);
        Assert.Equal(first.Rows.Concat(second.Rows).Select(r => r.Id).Reverse(), latestFirst.Rows.Select(r => r.Id));
        Assert.Equal([ExecutionStatus.Skipped, ExecutionStatus.Completed], history.Rows.Select(r => r.Status));
        Assert.All(first.Rows, r => Assert.False(string.IsNullOrEmpty(r.Plan)));
    }

    // --- helpers ---

    [Fact]
    public async Task Finished_executions_past_their_retention_are_deleted_but_a_once_only_rule_s_completion_is_kept()
    {
        var (team, numbers) = await TeamWithDefaultsAsync("Retention", 264);
        await ReplyAsync(team, numbers, 0, "Yes, I'm interested");
        var ask = Assert.Single(await ExecutionsAsync(team), e => e.Rule == "Interested without an e-mail: ask for it");
        var now = cluster.NodeA.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (old, recent) = (now.AddDays(-91), now.AddDays(-89));

        // Repeatable executions of the same rule and conversation, finished at either side of the 90 days kept.
        await CopyAsync(ask.Id, "old-completed", ExecutionStatus.Completed, old);
        await CopyAsync(ask.Id, "old-skipped", ExecutionStatus.Skipped, old);
        await CopyAsync(ask.Id, "old-failed", ExecutionStatus.Failed, old);
        await CopyAsync(ask.Id, "recent-completed", ExecutionStatus.Completed, recent);
        await CopyAsync(ask.Id, "recent-skipped", ExecutionStatus.Skipped, recent);
        // The rule runs once per conversation: its completion, however old, is what keeps it from running again.
        Assert.Equal(1, await cluster.ScalarAsync<int>(
            "WITH u AS (UPDATE follow_up_executions SET status = 'Completed', finished_at = @at WHERE id = @id AND once RETURNING 1) SELECT count(*)::int FROM u",
            ("id", ask.Id), ("at", old)));

        var deleted = await cluster.NodeA.Services.GetRequiredService<ExecutionHistory>().PruneAsync(default);
        var kept = (await ExecutionsAsync(team)).Where(e => e.Rule == ask.Rule).Select(e => e.Key).Order().ToList();

        Assert.Equal(3, deleted);
        Assert.Equal(new[] { ask.Key, ask.Key + ":recent-completed", ask.Key + ":recent-skipped" }.Order(), kept);
        // Still once only: another "interested" from the same prospect schedules nothing.
        Assert.Equal(ReplyKind.Interested, (await ReplyAsync(team, numbers, 0, "Yes, I'm still interested")).Classification!.Kind);
        Assert.DoesNotContain(await ExecutionsAsync(team), e => e.Rule == ask.Rule && e.Status == ExecutionStatus.Pending);
    }

    /// <summary>A repeatable copy of an execution with another status, finished at <paramref name="finishedAt"/>.</summary>
    private async Task CopyAsync(long id, string suffix, ExecutionStatus status, DateTimeOffset finishedAt) =>
        Assert.Equal(1, await cluster.ScalarAsync<int>("""
            WITH c AS (
                INSERT INTO follow_up_executions (team_id, rule_id, conversation_id, prospect_id, trigger_key, once, cancel_on_reply, definition,
                    triggered_at, due_at, status, actions_done, attempts, created_at, finished_at)
                SELECT team_id, rule_id, conversation_id, prospect_id, trigger_key || ':' || @suffix, false, cancel_on_reply, definition,
                    triggered_at, due_at, @status, 0, 1, created_at, @finished
                FROM follow_up_executions WHERE id = @id
                RETURNING 1)
            SELECT count(*)::int FROM c
            """, ("id", id), ("suffix", suffix), ("status", status.ToString()), ("finished", finishedAt)));

    private sealed record Numbers(string Prefix, IReadOnlyList<SendingNumberRoute> Routes)
    {
        public string Prospect(int i) => string.Create(CultureInfo.InvariantCulture, $"+1512{Prefix}{i:0000}");
    }

    private sealed record Execution(long Id, Guid RuleId, string Rule, string Phone, string Key, ExecutionStatus Status, string? Reason,
        DateTimeOffset TriggeredAt, DateTimeOffset DueAt, int ActionsDone, Guid? MessageId);

    private sealed record SentMessage(Guid Id, string Body, string Key, string? SentBy);

    private sealed record TaskRow(string Title, string Priority, Guid ConversationId, Guid ProspectId, Guid? AssigneeUserId, string CreatedBy, string SourceKey);

    private async Task<(Guid Team, Numbers Numbers)> TeamWithDefaultsAsync(string name, int exchange, bool defaults = true, int prospects = 3)
    {
        var team = await cluster.TeamAsync(name, numbers: 2);
        await cluster.TagProspectsAsync(team, "audience", prospects, exchange);
        if (defaults)
        {
            await using var db = cluster.System();
            db.AddRange(FollowUpRules.DefaultsFor(team, TimeProvider.System));
            await db.SaveChangesAsync();
        }
        var routes = new List<SendingNumberRoute>();
        await using (var connection = new NpgsqlConnection(cluster.Connection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id, number, provider FROM sending_numbers WHERE team_id = @team ORDER BY number", connection);
            command.Parameters.AddWithValue("team", team);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                routes.Add(new SendingNumberRoute(reader.GetGuid(0), team, reader.GetString(1), reader.GetString(2)));
            }
        }
        return (team, new Numbers(exchange.ToString(CultureInfo.InvariantCulture), routes));
    }

    private async Task<InboundResult> ReplyAsync(Guid team, Numbers numbers, int prospect, string body)
    {
        var inbound = cluster.NodeA.Services.GetRequiredService<InboundMessages>();
        var route = numbers.Routes[0];
        return await inbound.ReceiveAsync(route, new InboundSms("SM" + Guid.NewGuid().ToString("N"), numbers.Prospect(prospect), route.Number, body), default);
    }

    private FollowUpRules Rules(Guid team) =>
        CampaignCluster.Scope(cluster.NodeA, team).ServiceProvider.GetRequiredService<FollowUpRules>();

    private FollowUpRules Rules(Guid team, RuleActor actor)
    {
        var scope = cluster.NodeA.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Tenancy.TenantScope>().ActAs(team, new Caller(actor.UserId, actor.Name, actor.Role));
        return scope.ServiceProvider.GetRequiredService<FollowUpRules>();
    }

    private async Task<List<Execution>> ExecutionsAsync(Guid team)
    {
        await using var connection = new NpgsqlConnection(cluster.Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT x.id, x.rule_id, r.name, c.prospect_phone, x.trigger_key, x.status, x.reason, x.triggered_at, x.due_at, x.actions_done, x.message_id
            FROM follow_up_executions x JOIN follow_up_rules r ON r.id = x.rule_id JOIN conversations c ON c.id = x.conversation_id
            WHERE x.team_id = @team ORDER BY x.id
            """, connection);
        command.Parameters.AddWithValue("team", team);
        var list = new List<Execution>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(new Execution(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Enum.Parse<ExecutionStatus>(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetInt32(9),
                reader.IsDBNull(10) ? null : reader.GetGuid(10)));
        }
        return list;
    }

    private async Task<List<SentMessage>> FollowUpMessagesAsync(Guid team)
    {
        await using var connection = new NpgsqlConnection(cluster.Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, body, idempotency_key, sent_by_name FROM messages WHERE team_id = @team AND source = 'FollowUp' ORDER BY created_at", connection);
        command.Parameters.AddWithValue("team", team);
        var list = new List<SentMessage>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(new SentMessage(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return list;
    }

    private async Task<List<TaskRow>> TasksAsync(Guid team)
    {
        await using var connection = new NpgsqlConnection(cluster.Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT title, priority, conversation_id, prospect_id, assignee_user_id, created_by, source_key FROM tasks WHERE team_id = @team", connection);
        command.Parameters.AddWithValue("team", team);
        var list = new List<TaskRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(new TaskRow(reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetGuid(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetString(5), reader.GetString(6)));
        }
        return list;
    }

    private async Task<Dictionary<Guid, int>> ScoresAsync(Guid team)
    {
        await using var connection = new NpgsqlConnection(cluster.Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, score FROM prospects WHERE team_id = @team", connection);
        command.Parameters.AddWithValue("team", team);
        var scores = new Dictionary<Guid, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            scores[reader.GetGuid(0)] = reader.GetInt32(1);
        }
        return scores;
    }

    private async Task<Dictionary<string, string[]>> TagsAsync(Guid team)
    {
        await using var connection = new NpgsqlConnection(cluster.Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT phone, array_remove(tags, 'audience') FROM prospects WHERE team_id = @team", connection);
        command.Parameters.AddWithValue("team", team);
        var tags = new Dictionary<string, string[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tags[reader.GetString(0)] = reader.GetFieldValue<string[]>(1);
        }
        return tags;
    }

    /// <summary>Time passes for these executions: they are due now.</summary>
    private Task DueNowAsync(params long[] ids) =>
        cluster.ScalarAsync<int>("WITH u AS (UPDATE follow_up_executions SET due_at = now() - interval '1 second' WHERE id = ANY(@ids) RETURNING 1) SELECT count(*)::int FROM u",
            ("ids", ids));

    private async Task RunAllAsync() => await cluster.NodeA.Services.GetRequiredService<FollowUpExecutor>().PumpAsync(TimeSpan.FromMinutes(1), default);
}
