using System.Text.RegularExpressions;
using Outreach.Infrastructure.Messaging.Simulator;

namespace Outreach.Infrastructure.Tests.Messaging.Simulator;

public class SimulatorReplyTests
{
    private static readonly Dictionary<string, string?> EveryoneReplies = new()
    {
        ["ReplyRate"] = "1",
        ["FailureRate"] = "0",
    };

    /// <summary>The persona whose templates produce <paramref name="body"/>, or null.</summary>
    private static string? PersonaOf(string body) =>
        SimulatorPersona.Defaults.FirstOrDefault(p => p.Templates.Any(t => TemplatePattern(t).IsMatch(body)))?.Name;

    private static Regex TemplatePattern(string template) => new(
        "^" + Regex.Escape(template)
            .Replace(@"\{email}", @"[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}")
            .Replace(@"\{phone}", @"\(\d{3}\) \d{3}-\d{4}")
            .Replace(@"\{first}", @"\S.*")
            .Replace(@"\{last}", @"\S.*")
            .Replace(@"\{word}", @"\S+") + "$");

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, params (string Key, string? Value)[] more)
    {
        var merged = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in more)
        {
            merged[key] = value;
        }
        return merged;
    }

    [Fact]
    public async Task Replies_arrive_after_delivery_as_signed_twilio_inbound_messages_from_the_recipient()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(receiver.BaseUrl, EveryoneReplies);

        var sent = new Dictionary<string, string>();
        for (var n = 1; n <= 60; n++)
        {
            var request = SimulatorTestHost.Request(n);
            sent[request.To] = (await host.SendAsync(request)).ProviderMessageId!;
        }
        await host.WaitUntilIdleAsync();

        var inbound = receiver.Inbound;
        Assert.Equal(60, inbound.Count);
        Assert.Equal(sent.Keys.Order(), inbound.Select(i => i.Field("From")).Order());
        foreach (var reply in inbound)
        {
            var outboundSid = sent[reply.Field("From")];
            var delivered = receiver.StatusCallbacks.Single(c => c.Field("MessageSid") == outboundSid && c.Field("MessageStatus") == "delivered");
            Assert.True(reply.Sequence > delivered.Sequence, "A reply must follow the delivery of the message it answers.");
            Assert.True(reply.IsSignedWith(SimulatorTestHost.SigningKey));
            Assert.StartsWith("application/x-www-form-urlencoded", reply.ContentType);
            Assert.Equal(SimulatorTestHost.Sender, reply.Field("To"));
            Assert.Matches("^SM[0-9a-f]{32}$", reply.Field("MessageSid"));
            Assert.NotEqual(outboundSid, reply.Field("MessageSid"));
            Assert.Equal(reply.Field("MessageSid"), reply.Field("SmsSid"));
            Assert.Equal(reply.Field("MessageSid"), reply.Field("SmsMessageSid"));
            Assert.Equal(SimulatorSmsProvider.AccountSid, reply.Field("AccountSid"));
            Assert.Equal("2010-04-01", reply.Field("ApiVersion"));
            Assert.Equal("received", reply.Field("SmsStatus"));
            Assert.Equal("0", reply.Field("NumMedia"));
            Assert.Equal("1", reply.Field("NumSegments"));
            Assert.Matches("^[A-Z][A-Z .'-]*$", reply.Field("FromCity"));
            Assert.Matches("^[A-Z]{2}$", reply.Field("FromState"));
            Assert.NotNull(PersonaOf(reply.Field("Body")));
        }
        // A mix, not one voice.
        Assert.True(inbound.Select(i => PersonaOf(i.Field("Body"))).Distinct().Count() >= 5);
    }

    [Fact]
    public async Task Persona_weights_from_configuration_decide_who_replies()
    {
        var onlyEmails = SimulatorPersona.Defaults.Select(p => ($"Personas:{p.Name}", (string?)(p.Name == SimulatorPersona.Email ? "1" : "0")));
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(receiver.BaseUrl, With(EveryoneReplies, [.. onlyEmails]));

        for (var n = 1; n <= 30; n++)
        {
            await host.SendAsync(SimulatorTestHost.Request(n));
        }
        await host.WaitUntilIdleAsync();

        var bodies = receiver.Inbound.Select(i => i.Field("Body")).ToList();
        Assert.Equal(30, bodies.Count);
        Assert.All(bodies, body => Assert.Equal(SimulatorPersona.Email, PersonaOf(body)));
        Assert.All(bodies, body => Assert.Matches(@"[^\s@]+@[a-z0-9.-]+\.[a-z]{2,}", body));
        // Bogus fills in different people, not one address over and over.
        Assert.True(bodies.Distinct().Count() > 20);
    }

    [Fact]
    public async Task The_reply_rate_decides_how_many_delivered_messages_are_answered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(receiver.BaseUrl, new Dictionary<string, string?> { ["ReplyRate"] = "0.12" });

        for (var n = 1; n <= 1000; n++)
        {
            await host.SendAsync(SimulatorTestHost.Request(n));
        }
        await host.WaitUntilIdleAsync();

        Assert.InRange(receiver.Inbound.Count, 90, 150);
    }

    [Fact]
    public async Task The_same_seed_gives_every_message_the_same_fate_and_reply_and_another_seed_does_not()
    {
        var settings = new Dictionary<string, string?> { ["ReplyRate"] = "0.5", ["FailureRate"] = "0.1" };

        var first = await RunAsync(With(settings, ("Seed", "99")));
        var second = await RunAsync(With(settings, ("Seed", "99")));
        var otherSeed = await RunAsync(With(settings, ("Seed", "100")));

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.Contains(first.Values, fate => fate.StartsWith("undelivered", StringComparison.Ordinal) || fate.StartsWith("failed", StringComparison.Ordinal));
        Assert.Contains(first.Values, fate => fate.Contains("reply:", StringComparison.Ordinal));

        // Sends in parallel, so the fates cannot depend on the order they were accepted in.
        static async Task<SortedDictionary<string, string>> RunAsync(Dictionary<string, string?> settings)
        {
            await using var receiver = await WebhookReceiver.StartAsync();
            await using var host = await SimulatorTestHost.StartAsync(receiver.BaseUrl, settings);
            var requests = Enumerable.Range(1, 200).Select(n => SimulatorTestHost.Request(n)).ToList();
            var sids = await Task.WhenAll(requests.Select(r => Task.Run(async () => (r.To, (await host.SendAsync(r)).ProviderMessageId!))));
            await host.WaitUntilIdleAsync();

            var fates = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (to, sid) in sids)
            {
                var final = receiver.StatusCallbacks.Single(c => c.Field("MessageSid") == sid && c.Field("MessageStatus") != "sent");
                var reply = receiver.Inbound.SingleOrDefault(i => i.Field("From") == to);
                fates[to] = $"{final.Field("MessageStatus")} {final.OptionalField("ErrorCode")} "
                    + (reply is null ? "" : $"reply:{reply.Field("Body")} from {reply.Field("FromCity")}, {reply.Field("FromState")}");
            }
            return fates;
        }
    }

    [Fact]
    public async Task Simulate_inbound_posts_a_signed_inbound_message_at_once_and_returns_its_sid()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Delays of minutes: only SimulateInboundAsync can make anything arrive during this test.
        await using var host = await SimulatorTestHost.StartAsync(receiver.BaseUrl, new Dictionary<string, string?> { ["DelayScale"] = "100" });
        const string body = "Yes & no + maybe 👍 call 555-0100";

        var sid = await host.Control.SimulateInboundAsync("+14155550123", SimulatorTestHost.Sender, body, CancellationToken.None);

        var inbound = Assert.Single(receiver.Received);
        Assert.Equal(WebhookReceiver.InboundPath, inbound.Path);
        Assert.Matches("^SM[0-9a-f]{32}$", sid);
        Assert.Equal(sid, inbound.Field("MessageSid"));
        Assert.Equal("+14155550123", inbound.Field("From"));
        Assert.Equal(SimulatorTestHost.Sender, inbound.Field("To"));
        Assert.Equal(body, inbound.Field("Body"));
        Assert.Equal("0", inbound.Field("NumMedia"));
        Assert.Equal("1", inbound.Field("NumSegments"));
        Assert.Equal(SimulatorSmsProvider.AccountSid, inbound.Field("AccountSid"));
        Assert.True(inbound.IsSignedWith(SimulatorTestHost.SigningKey));
        Assert.False(inbound.IsSignedWith("some-other-key"));
        Assert.Equal(0, host.Control.PendingSends);
    }

    [Fact]
    public async Task Simulate_inbound_retries_a_console_that_is_briefly_failing()
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, n) => n < 2 ? 503 : 200);
        await using var host = await SimulatorTestHost.StartAsync(receiver.BaseUrl);

        var sid = await host.Control.SimulateInboundAsync("+14155550123", SimulatorTestHost.Sender, "who is this?", CancellationToken.None);

        Assert.Equal(3, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Equal(sid, r.Field("MessageSid")));
    }

    [Fact]
    public async Task Simulate_inbound_is_not_held_up_by_callbacks_waiting_for_their_time_with_a_single_slot()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(receiver.BaseUrl, new Dictionary<string, string?>
        {
            ["MaxConcurrentWebhooks"] = "1",
            ["DelayScale"] = "100",
        });
        await host.SendAsync(SimulatorTestHost.Request(1));
        // Lets the pump (started on the thread pool) reach its wait for a callback that is a minute away.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        var sid = await host.Control.SimulateInboundAsync("+14155550123", SimulatorTestHost.Sender, "who is this?", timeout.Token);

        Assert.Equal(sid, Assert.Single(receiver.Received).Field("MessageSid"));
    }

    [Fact]
    public async Task Simulate_inbound_throws_when_the_console_refuses_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, _) => 403);
        await using var host = await SimulatorTestHost.StartAsync(receiver.BaseUrl);

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => host.Control.SimulateInboundAsync("+14155550123", SimulatorTestHost.Sender, "STOP", CancellationToken.None));

        Assert.Contains("HTTP 403", error.Message);
        Assert.Single(receiver.Received);
    }
}
