using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Teams;
using Outreach.Domain.Tasks;
using Outreach.Domain.Webhooks;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging.Inbound;
using Outreach.Infrastructure.Tests.Messaging;
using Outreach.Infrastructure.Webhooks;

namespace Outreach.Infrastructure.Tests.Webhooks;

/// <summary>
/// Outgoing webhooks end to end against a real database and a real receiver on loopback: signatures a receiver
/// can verify, retries after a 500 under one webhook-id, order, the outbox's transaction, address refusal, and a
/// node that dies mid-delivery. Each test makes a team of its own.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookNode node) : IClassFixture<WebhookNode>
{
    [Fact]
    public async Task A_receiver_verifies_every_signature_and_sees_retries_after_a_500_under_one_webhook_id()
    {
        var team = await node.TeamAsync();
        await using var receiver = await StubProviderServer.StartAsync((_, n) => new StubResponse(n < 2 ? 500 : 204, n < 2 ? """{"error":"busy"}""" : null));
        var subscription = await node.SubscribeAsync(team, receiver.BaseUrl);
        var secret = await node.Subscriptions(team).RevealSecretAsync(subscription, default);

        await node.CreateTaskAsync(team, "Call the Hendersons back");
        await node.DrainAsync(node.DispatcherA, rounds: 10);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(StandardWebhookVerifier.Verifies(r, secret), "signature does not verify"));
        Assert.Single(receiver.Requests.Select(r => r.Header("webhook-id")).Distinct());
        using var body = JsonDocument.Parse(receiver.Requests[0].Body);
        Assert.Equal(WebhookEventTypes.TaskCreated, body.RootElement.GetProperty("type").GetString());
        Assert.Equal("Call the Hendersons back", body.RootElement.GetProperty("data").GetProperty("title").GetString());
        Assert.All(receiver.Requests, r => Assert.Equal(receiver.Requests[0].Body, r.Body));

        var log = await node.Subscriptions(team).LogAsync(subscription, 0, 10, default);
        Assert.Equal([204, 500, 500], log.Rows.Select(r => r.StatusCode ?? 0));
        Assert.Equal([3, 2, 1], log.Rows.Select(r => r.Attempt));
        Assert.Equal("""{"error":"busy"}""", log.Rows[^1].ResponseExcerpt);
        Assert.All(log.Rows, r => Assert.Equal(WebhookDeliveryState.Delivered, r.DeliveryState));
        Assert.Contains("webhook-signature: v1,", log.Rows[0].Request);
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_after_the_overlap_only_the_new_one()
    {
        var team = await node.TeamAsync();
        await using var receiver = await StubProviderServer.StartAsync(new StubResponse(200));
        var subscription = await node.SubscribeAsync(team, receiver.BaseUrl);
        var admin = new AuditActor(team.Admin, "Ada Admin");
        var old = await node.Subscriptions(team).RevealSecretAsync(subscription, default);

        var rotated = await node.Subscriptions(team).RotateSecretAsync(subscription, TimeSpan.FromHours(1), admin, default);
        await node.Subscriptions(team).SendTestAsync(subscription, admin, default);
        await node.DispatcherA.RunOnceAsync(default);
        node.Clock.Advance(TimeSpan.FromHours(2));
        await node.Subscriptions(team).SendTestAsync(subscription, admin, default);
        await node.DispatcherA.RunOnceAsync(default);

        Assert.NotEqual(old, rotated);
        Assert.Equal(2, receiver.Requests.Count);
        var during = receiver.Requests[0];
        Assert.Equal(2, StandardWebhookVerifier.SignatureCount(during));
        Assert.True(StandardWebhookVerifier.Verifies(during, old));
        Assert.True(StandardWebhookVerifier.Verifies(during, rotated));
        var after = receiver.Requests[1];
        Assert.Equal(1, StandardWebhookVerifier.SignatureCount(after));
        Assert.True(StandardWebhookVerifier.Verifies(after, rotated));
        Assert.False(StandardWebhookVerifier.Verifies(after, old));
        Assert.Equal(WebhookEventTypes.Test, JsonDocument.Parse(after.Body).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_ordered_subscription_receives_each_event_once_and_in_order_even_when_one_fails_first()
    {
        var team = await node.TeamAsync();
        var failedOnce = 0;
        await using var receiver = await StubProviderServer.StartAsync((request, _) =>
            request.Body.Contains("Task 2") && Interlocked.Exchange(ref failedOnce, 1) == 0 ? new StubResponse(500) : new StubResponse(200));
        await node.SubscribeAsync(team, receiver.BaseUrl, ordered: true);
        for (var i = 1; i <= 5; i++)
        {
            await node.CreateTaskAsync(team, $"Task {i}");
        }

        await node.DrainAsync(node.DispatcherA, rounds: 12);

        var titles = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("title").GetString()).ToList();
        Assert.Equal(["Task 1", "Task 2", "Task 2", "Task 3", "Task 4", "Task 5"], titles);
        // Once per id: the failed copy of Task 2 and its retry share one id; every other id arrives once.
        Assert.Equal(5, receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Count());
    }

    [Fact]
    public async Task A_rolled_back_change_emits_nothing_and_the_same_change_committed_emits_one_event()
    {
        var team = await node.TeamAsync();
        await using var receiver = await StubProviderServer.StartAsync(new StubResponse(200));
        await node.SubscribeAsync(team, receiver.BaseUrl);
        var clock = node.Clock;

        await using (var db = node.As<IDbContextFactory<OutreachDbContext>>(node.NodeA, team.Id, team.Agent).CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var task = OperatorTask.Create(team.Id, "Rolled back", null, TaskPriority.Normal, clock.GetUtcNow(), "test", clock);
            db.Add(task);
            WebhookOutbox.Add(db, team.Id, WebhookEventTypes.TaskCreated, new { title = task.Title }, clock);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        await node.DrainAsync(node.DispatcherA, rounds: 2);
        Assert.Empty(receiver.Requests);

        await using (var db = node.As<IDbContextFactory<OutreachDbContext>>(node.NodeA, team.Id, team.Agent).CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var task = OperatorTask.Create(team.Id, "Committed", null, TaskPriority.Normal, clock.GetUtcNow(), "test", clock);
            db.Add(task);
            WebhookOutbox.Add(db, team.Id, WebhookEventTypes.TaskCreated, new { title = task.Title }, clock);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await node.DrainAsync(node.DispatcherA, rounds: 2);
        Assert.Contains("Committed", Assert.Single(receiver.Requests).Body);
    }

    [Fact]
    public async Task A_reply_and_its_opt_out_are_announced_once_even_when_the_provider_delivers_the_webhook_twice()
    {
        var team = await node.TeamAsync();
        await using var receiver = await StubProviderServer.StartAsync(new StubResponse(200));
        await node.SubscribeAsync(team, receiver.BaseUrl, types: [WebhookEventTypes.ReplyReceived, WebhookEventTypes.OptedOut]);
        var inbound = node.NodeA.Services.GetRequiredService<InboundMessages>();
        var route = new SendingNumberRoute(team.NumberId, team.Id, team.Number, "simulator");
        var sms = new InboundSms("SM" + Guid.NewGuid().ToString("N"), "+15125550199", team.Number, "STOP");

        var first = await inbound.ReceiveAsync(route, sms, default);
        var retried = await inbound.ReceiveAsync(route, sms, default);
        await node.DrainAsync(node.DispatcherA, rounds: 2);

        Assert.True(first.Recorded);
        Assert.False(retried.Recorded);
        var types = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).Order().ToList();
        Assert.Equal([WebhookEventTypes.OptedOut, WebhookEventTypes.ReplyReceived], types);
        var data = JsonDocument.Parse(receiver.Requests[0].Body).RootElement.GetProperty("data");
        Assert.Equal(first.MessageId, data.GetProperty("messageId").GetGuid());
        Assert.Equal("OptOut", data.GetProperty("classification").GetString());
    }

    [Fact]
    public async Task A_failed_delivery_is_announced_once_however_often_the_provider_reports_it()
    {
        var team = await node.TeamAsync();
        await using var receiver = await StubProviderServer.StartAsync(new StubResponse(200));
        await node.SubscribeAsync(team, receiver.BaseUrl, types: [WebhookEventTypes.DeliveryFailed]);
        var inbound = node.NodeA.Services.GetRequiredService<InboundMessages>();
        var route = new SendingNumberRoute(team.NumberId, team.Id, team.Number, "simulator");
        var reply = await inbound.ReceiveAsync(route, new InboundSms("SM" + Guid.NewGuid().ToString("N"), "+15125550142", team.Number, "Who is this?"), default);
        var failing = "SMout" + Guid.NewGuid().ToString("N");
        var delivered = "SMout" + Guid.NewGuid().ToString("N");
        await using (var db = node.NodeA.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext())
        {
            foreach (var sid in new[] { failing, delivered })
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO messages (id, team_id, conversation_id, direction, body, "from", "to", status, provider, provider_message_id, segments, attempts, created_at)
                    VALUES ({Guid.NewGuid()}, {team.Id}, {reply.ConversationId}, 'Outbound', 'Hello again', {team.Number}, '+15125550142', 'Sent', 'simulator', {sid}, 1, 1, now())
                    """);
            }
        }

        Assert.True(await inbound.UpdateStatusAsync(route, new StatusCallback(failing, Domain.Messaging.MessageStatus.Failed, "30003", null), default));
        await inbound.UpdateStatusAsync(route, new StatusCallback(failing, Domain.Messaging.MessageStatus.Failed, "30003", null), default);
        Assert.True(await inbound.UpdateStatusAsync(route, new StatusCallback(delivered, Domain.Messaging.MessageStatus.Delivered, null, null), default));
        await node.DrainAsync(node.DispatcherA, rounds: 2);

        var data = JsonDocument.Parse(Assert.Single(receiver.Requests).Body).RootElement.GetProperty("data");
        Assert.Equal("Failed", data.GetProperty("status").GetString());
        Assert.Equal("30003", data.GetProperty("errorCode").GetString());
        Assert.Equal(reply.ConversationId, data.GetProperty("conversationId").GetGuid());
    }

    [Fact]
    public async Task Receivers_on_private_addresses_are_refused_at_save_and_at_connect_unless_the_installation_allows_them()
    {
        var team = await node.TeamAsync();
        await using var receiver = await StubProviderServer.StartAsync(new StubResponse(200));
        var admin = new AuditActor(team.Admin, "Ada Admin");

        var refused = await Assert.ThrowsAsync<DomainException>(() => node.Subscriptions(team, node.Guarded).CreateAsync(
            new WebhookDraft("Inside", receiver.BaseUrl.ToString(), WebhookFormat.Standard, [WebhookEventTypes.TaskCreated], false), admin, default));
        Assert.Contains("private", refused.Message);

        // Saved where private networks are allowed (or a public name that later resolves inside): the connection is refused.
        var subscription = await node.SubscribeAsync(team, receiver.BaseUrl);
        await node.Subscriptions(team).SendTestAsync(subscription, admin, default);
        await node.Guarded.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(default);

        Assert.Empty(receiver.Requests);
        var attempt = Assert.Single((await node.Subscriptions(team).LogAsync(subscription, 0, 10, default)).Rows);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("Refused to connect to 127.0.0.1", attempt.Error);

        // The node that allows private networks delivers the same event, under the same id.
        node.Clock.Advance(TimeSpan.FromMinutes(1));
        await node.DispatcherA.RunOnceAsync(default);
        Assert.Equal(attempt.WebhookId, Assert.Single(receiver.Requests).Header("webhook-id"));
    }

    [Fact]
    public async Task A_redirect_is_a_failure_and_is_not_followed()
    {
        var team = await node.TeamAsync();
        await using var target = await StubProviderServer.StartAsync(new StubResponse(200));
        await using var receiver = await StubProviderServer.StartAsync(new StubResponse(302, Headers: new Dictionary<string, string> { ["Location"] = target.BaseUrl.ToString() }));
        var subscription = await node.SubscribeAsync(team, receiver.BaseUrl);

        await node.Subscriptions(team).SendTestAsync(subscription, new AuditActor(team.Admin, "Ada Admin"), default);
        await node.DispatcherA.RunOnceAsync(default);

        Assert.Single(receiver.Requests);
        Assert.Empty(target.Requests);
        var attempt = Assert.Single((await node.Subscriptions(team).LogAsync(subscription, 0, 10, default)).Rows);
        Assert.Equal((302, false, WebhookDeliveryState.Pending), (attempt.StatusCode, attempt.Succeeded, attempt.DeliveryState));
        Assert.Contains("redirect", attempt.Error);
    }

    [Fact]
    public async Task A_node_killed_mid_delivery_leaves_its_claim_to_expire_and_another_node_delivers_every_event_under_the_same_ids()
    {
        var team = await node.TeamAsync();
        // Node A's requests hang (it dies before an answer comes); node B's are answered.
        await using var receiver = await StubProviderServer.StartAsync((request, _) =>
            Volatile.Read(ref _nodeAAlive) ? new StubResponse(200, Delay: TimeSpan.FromMinutes(5)) : new StubResponse(200));
        var subscription = await node.SubscribeAsync(team, receiver.BaseUrl);
        var secret = await node.Subscriptions(team).RevealSecretAsync(subscription, default);
        for (var i = 1; i <= 3; i++)
        {
            await node.CreateTaskAsync(team, $"Survives {i}");
        }

        Volatile.Write(ref _nodeAAlive, true);
        using var killA = new CancellationTokenSource();
        var runA = node.DispatcherA.RunOnceAsync(killA.Token);
        await WaitForAsync(() => receiver.Requests.Count == 3);
        killA.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runA);
        Volatile.Write(ref _nodeAAlive, false);

        // B finds every delivery still claimed by A until A's lease runs out.
        await node.DispatcherB.RunOnceAsync(default);
        Assert.Equal(3, receiver.Requests.Count);
        node.Clock.Advance(TimeSpan.FromSeconds(61));
        await node.DispatcherB.RunOnceAsync(default);

        Assert.Equal(6, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(StandardWebhookVerifier.Verifies(r, secret)));
        var byId = receiver.Requests.GroupBy(r => r.Header("webhook-id")).ToList();
        Assert.Equal(3, byId.Count);
        Assert.All(byId, copies => Assert.Equal(2, copies.Count()));
        Assert.All(byId, copies => Assert.Single(copies.Select(c => c.Body).Distinct()));
        var log = await node.Subscriptions(team).LogAsync(subscription, 0, 10, default);
        Assert.Equal(3, log.Rows.Count);
        Assert.All(log.Rows, r => Assert.Equal((2, WebhookDeliveryState.Delivered), (r.Attempt, r.DeliveryState)));
    }

    private bool _nodeAAlive;

    [Fact]
    public async Task A_subscription_failing_for_a_day_is_disabled_audited_and_its_admins_get_a_task()
    {
        var team = await node.TeamAsync();
        await using var receiver = await StubProviderServer.StartAsync(new StubResponse(503));
        var subscription = await node.SubscribeAsync(team, receiver.BaseUrl);
        await node.CreateTaskAsync(team, "Nobody hears this");

        for (var hour = 0; hour <= 26; hour++)
        {
            await node.DispatcherA.RunOnceAsync(default);
            node.Clock.Advance(TimeSpan.FromHours(1));
        }

        var row = Assert.Single(await node.Subscriptions(team).ListAsync(default));
        Assert.False(row.IsEnabled);
        Assert.Contains("failed since", row.DisabledReason);
        Assert.Equal(1, row.Pending);
        await using var db = node.NodeA.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        var tasks = await db.Set<OperatorTask>().Where(t => t.TeamId == team.Id && t.CreatedBy == "Webhooks").ToListAsync();
        Assert.Equal(team.Admin, Assert.Single(tasks).AssigneeUserId);
        Assert.Single(await db.AuditEntries.Where(a => a.TeamId == team.Id && a.Action == WebhookAuditActions.Disabled).ToListAsync());
        var attempts = receiver.Requests.Count;
        await node.DrainAsync(node.DispatcherA, rounds: 3);
        Assert.Equal(attempts, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_slack_subscription_gets_a_slack_message_without_a_signature()
    {
        var team = await node.TeamAsync();
        await using var receiver = await StubProviderServer.StartAsync(new StubResponse(200));
        await node.SubscribeAsync(team, receiver.BaseUrl, format: WebhookFormat.Slack);

        await node.CreateTaskAsync(team, "Ring the broker");
        await node.DispatcherA.RunOnceAsync(default);

        var request = Assert.Single(receiver.Requests);
        Assert.Null(request.Header("webhook-signature"));
        using var message = JsonDocument.Parse(request.Body);
        Assert.Equal("Outreach Console: Task created", message.RootElement.GetProperty("text").GetString());
        Assert.Contains("Ring the broker", message.RootElement.GetProperty("blocks").GetRawText());
    }

    [Fact]
    public async Task Only_owners_and_admins_manage_webhooks()
    {
        var team = await node.TeamAsync();
        var asAgent = node.As<WebhookSubscriptions>(node.NodeA, team.Id, team.Agent);

        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => asAgent.CreateAsync(
            new WebhookDraft("Mine", "https://example.com/hook", WebhookFormat.Standard, [WebhookEventTypes.TaskCreated], false), new AuditActor(team.Agent, "Abe"), default));
        Assert.Equal("Your role (Agent) cannot manage webhooks.", refused.Message);
        Assert.Empty(await node.Subscriptions(team).ListAsync(default));
    }

    [Fact]
    public async Task Another_teams_subscriptions_and_log_are_invisible()
    {
        var a = await node.TeamAsync();
        var b = await node.TeamAsync();
        var subscription = await node.SubscribeAsync(a, new Uri("https://example.com/a"));

        Assert.Empty(await node.Subscriptions(b).ListAsync(default));
        await Assert.ThrowsAsync<DomainException>(() => node.Subscriptions(b).RevealSecretAsync(subscription, default));
        await Assert.ThrowsAsync<DomainException>(() => node.Subscriptions(b).SendTestAsync(subscription, new AuditActor(b.Admin, "B"), default));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // Bounded: a failure shows as the assertion after it, not as a hung suite.
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
