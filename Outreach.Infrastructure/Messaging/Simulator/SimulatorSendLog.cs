namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// The most recent accepted sends, oldest forgotten first. Bounded because the simulator runs for weeks in a
/// demo: it only has to remember long enough to cover a dispatcher's retry after a crash, as a real provider's
/// idempotency window does.
/// </summary>
internal sealed class SimulatorSendLog(int capacity)
{
    private readonly Dictionary<string, AcceptedSend> byKey = new(StringComparer.Ordinal);
    private readonly Queue<AcceptedSend> oldestFirst = new();
    private readonly Lock sync = new();

    /// <summary>Remembers <paramref name="send"/>, or returns the send already remembered under its key.</summary>
    public bool TryAdd(AcceptedSend send, out AcceptedSend existing)
    {
        lock (sync)
        {
            if (byKey.TryGetValue(send.IdempotencyKey, out existing!))
            {
                return false;
            }
            byKey.Add(send.IdempotencyKey, send);
            oldestFirst.Enqueue(send);
            if (oldestFirst.Count > capacity)
            {
                byKey.Remove(oldestFirst.Dequeue().IdempotencyKey);
            }
            existing = send;
            return true;
        }
    }

    public AcceptedSend? FindByKey(string idempotencyKey)
    {
        lock (sync)
        {
            return byKey.GetValueOrDefault(idempotencyKey);
        }
    }

    /// <summary>
    /// The latest send of this text from this sender to this recipient accepted at or after
    /// <paramref name="since"/>. A scan, not an index: it serves crash recovery only, where a millisecond is
    /// nothing, while a second index would double the memory every send costs.
    /// </summary>
    public AcceptedSend? FindLatest(string to, string from, string body, DateTimeOffset since)
    {
        lock (sync)
        {
            AcceptedSend? latest = null;
            foreach (var send in oldestFirst)
            {
                if (send.AcceptedAt >= since
                    && string.Equals(send.To, to, StringComparison.Ordinal)
                    && string.Equals(send.From, from, StringComparison.Ordinal)
                    && string.Equals(send.Body, body, StringComparison.Ordinal))
                {
                    latest = send;
                }
            }
            return latest;
        }
    }
}
