namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// Webhooks waiting for their time, earliest first. One queue and one waiting loop replace a timer per
/// message: at 2,000 sends a second, thousands of timers would cost more than the sends themselves.
/// </summary>
internal sealed class SimulatorWebhookQueue(TimeProvider timeProvider)
{
    private readonly PriorityQueue<SimulatorWebhook, long> due = new();
    private readonly Lock sync = new();

    // Wakes the loop when a webhook due sooner than everything else arrives. Released only while its count is
    // 0, so a burst of sends costs at most one spare turn of the loop, not one per send.
    private readonly SemaphoreSlim wake = new(0);
    private int pendingChains;

    /// <summary>Chains scheduled and not finished: sends whose callbacks are still to come.</summary>
    public int PendingChains => Volatile.Read(ref pendingChains);

    /// <summary>Schedules the first webhook of a chain; the rest follow through <see cref="Complete"/>.</summary>
    public void Schedule(SimulatorWebhook first)
    {
        Interlocked.Increment(ref pendingChains);
        Enqueue(first);
    }

    public void Retry(SimulatorWebhook webhook, TimeSpan delay)
    {
        webhook.DueTimestamp = timeProvider.GetTimestamp() + ToTimestampTicks(delay);
        Enqueue(webhook);
    }

    /// <summary>The webhook was answered or given up on: its successor, if any, becomes due.</summary>
    public void Complete(SimulatorWebhook webhook)
    {
        if (webhook.Next is { } next)
        {
            Enqueue(next);
        }
        else
        {
            Interlocked.Decrement(ref pendingChains);
        }
    }

    /// <summary>Waits for the earliest webhook to fall due and takes it off the queue.</summary>
    public async Task<SimulatorWebhook> DequeueDueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (sync)
            {
                if (due.TryPeek(out var head, out var dueAt))
                {
                    var now = timeProvider.GetTimestamp();
                    if (dueAt <= now)
                    {
                        due.Dequeue();
                        return head;
                    }
                    // Rounded up: a wait rounded down to 0 ms would spin until the webhook is due.
                    wait = TimeSpan.FromMilliseconds(Math.Ceiling(timeProvider.GetElapsedTime(now, dueAt).TotalMilliseconds));
                }
                else
                {
                    wait = Timeout.InfiniteTimeSpan;
                }
            }
            await wake.WaitAsync(wait, cancellationToken);
        }
    }

    public long ToTimestampTicks(TimeSpan delay) => (long)(delay.TotalSeconds * timeProvider.TimestampFrequency);

    private void Enqueue(SimulatorWebhook webhook)
    {
        bool soonest;
        lock (sync)
        {
            soonest = !due.TryPeek(out _, out var headDueAt) || webhook.DueTimestamp < headDueAt;
            due.Enqueue(webhook, webhook.DueTimestamp);
        }
        if (soonest && wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }
}
