using Outreach.Infrastructure.Messaging.Simulator;

namespace Outreach.Infrastructure.Tests.Messaging.Simulator;

public class SimulatorSendLogTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static AcceptedSend Send(int n, string body = "Still thinking about selling?") =>
        new($"msg-{n}", $"SM{n:D32}", $"+1415555{n:D4}", "+15005550006", body, 1, 0.0079m, Noon.AddSeconds(n));

    [Fact]
    public void The_oldest_send_is_forgotten_once_the_log_is_full()
    {
        var log = new SimulatorSendLog(capacity: 3);
        for (var n = 1; n <= 4; n++)
        {
            Assert.True(log.TryAdd(Send(n), out _));
        }

        Assert.Null(log.FindByKey("msg-1"));
        Assert.Null(log.FindLatest(Send(1).To, Send(1).From, Send(1).Body, DateTimeOffset.MinValue));
        Assert.Equal(Send(4).MessageSid, log.FindByKey("msg-4")?.MessageSid);
        // Forgotten means a repeat is a new send again.
        Assert.True(log.TryAdd(Send(1), out _));
        Assert.Null(log.FindByKey("msg-2"));
    }

    [Fact]
    public void A_repeated_key_returns_the_first_send_and_does_not_displace_anything()
    {
        var log = new SimulatorSendLog(capacity: 2);
        log.TryAdd(Send(1), out _);
        log.TryAdd(Send(2), out _);

        var added = log.TryAdd(Send(1, body: "Another text") with { MessageSid = "SMsecond" }, out var existing);

        Assert.False(added);
        Assert.Equal(Send(1), existing);
        Assert.NotNull(log.FindByKey("msg-2"));
    }

    [Fact]
    public void The_latest_matching_send_since_the_given_time_is_found()
    {
        var log = new SimulatorSendLog(capacity: 10);
        var first = Send(1);
        var repeat = first with { IdempotencyKey = "msg-1b", MessageSid = "SMlater", AcceptedAt = Noon.AddMinutes(5) };
        log.TryAdd(first, out _);
        log.TryAdd(repeat, out _);

        Assert.Equal("SMlater", log.FindLatest(first.To, first.From, first.Body, Noon)?.MessageSid);
        Assert.Null(log.FindLatest(first.To, first.From, first.Body, Noon.AddMinutes(6)));
        Assert.Null(log.FindLatest(first.To, "+15005550007", first.Body, Noon));
    }
}
