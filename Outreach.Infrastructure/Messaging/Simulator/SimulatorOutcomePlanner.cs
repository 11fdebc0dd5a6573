using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// Decides each message's fate from the seed and its idempotency key alone, so a seeded run gives every
/// message the same outcome and reply however many threads send, and in whatever order.
/// </summary>
internal sealed class SimulatorOutcomePlanner
{
    /// <summary>
    /// The carrier errors US long-code campaigns actually see, in rough proportion: handsets off or out of
    /// coverage lead, then dead numbers, landlines (lists of business owners are full of office lines) and spam
    /// filtering. An invalid number never leaves Twilio, so it fails without ever being "sent".
    /// </summary>
    internal static readonly IReadOnlyList<(int Code, string Status, double Weight)> Failures =
    [
        (30003, "undelivered", 0.40), // Unreachable destination handset
        (30005, "undelivered", 0.20), // Unknown destination handset
        (30006, "undelivered", 0.15), // Landline or unreachable carrier
        (30007, "undelivered", 0.15), // Message filtered by the carrier
        (21211, "failed", 0.10),      // Invalid 'To' phone number
    ];

    private readonly SimulatorOptions options;
    private readonly SimulatorReplyWriter replies;
    private readonly int seed;

    public SimulatorOutcomePlanner(IOptions<SimulatorOptions> options, SimulatorReplyWriter replies)
    {
        this.options = options.Value;
        this.replies = replies;
        seed = this.options.Seed ?? Random.Shared.Next();
    }

    public SimulatedOutcome Plan(string idempotencyKey)
    {
        var random = new Random(MessageSeed(idempotencyKey));
        var sentAfter = Scaled(random, 0.2, 1.0);
        var finalAfter = sentAfter + Scaled(random, 0.8, 3.0);

        if (random.NextDouble() < options.FailureRate)
        {
            var (code, status, _) = PickFailure(random.NextDouble());
            return new SimulatedOutcome(status == "failed" ? null : sentAfter, finalAfter, status, code, Reply: null);
        }

        var reply = replies.CanReply && random.NextDouble() < options.ReplyRate
            ? new SimulatedReply(Scaled(random, 5, 60), random.Next())
            : null;
        return new SimulatedOutcome(sentAfter, finalAfter, "delivered", ErrorCode: null, reply);
    }

    private TimeSpan Scaled(Random random, double minSeconds, double maxSeconds) =>
        TimeSpan.FromSeconds((minSeconds + random.NextDouble() * (maxSeconds - minSeconds)) * options.DelayScale);

    private static (int Code, string Status, double Weight) PickFailure(double point)
    {
        foreach (var failure in Failures)
        {
            if (point < failure.Weight)
            {
                return failure;
            }
            point -= failure.Weight;
        }
        return Failures[^1];
    }

    /// <summary>
    /// FNV-1a over the seed and the key. string.GetHashCode would do, but it is randomised per process, and a
    /// seed must reproduce a run tomorrow.
    /// </summary>
    private int MessageSeed(string idempotencyKey)
    {
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037;
        for (var shift = 0; shift < 32; shift += 8)
        {
            hash = (hash ^ (byte)(seed >> shift)) * prime;
        }
        foreach (var c in idempotencyKey)
        {
            hash = (hash ^ c) * prime;
        }
        return (int)(hash ^ (hash >> 32));
    }
}
