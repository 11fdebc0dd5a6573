namespace Outreach.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from 5 seconds, capped at an hour, with full jitter
/// over the upper half (so receivers recovering from an outage are not hit by every sender at the same second),
/// for up to three days. A subscription whose deliveries have failed for a whole day is disabled.
/// </summary>
public static class WebhookRetryPolicy
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);
    public static readonly TimeSpan DisableAfter = TimeSpan.FromDays(1);

    private static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Cap = TimeSpan.FromHours(1);

    /// <summary>The wait after the <paramref name="attempt"/>-th failed attempt (1 for the first); <paramref name="unit"/> is a random number in [0, 1).</summary>
    public static TimeSpan Delay(int attempt, double unit)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 20);
        var ceiling = Math.Min(Cap.TotalSeconds, First.TotalSeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(ceiling / 2 + ceiling / 2 * Math.Clamp(unit, 0, 1));
    }

    /// <summary>True when an event first due at <paramref name="firstDueAt"/> should not be tried again at <paramref name="nextAttempt"/>.</summary>
    public static bool IsExhausted(DateTimeOffset firstDueAt, DateTimeOffset nextAttempt) => nextAttempt - firstDueAt > GiveUpAfter;
}
