using System.Collections.Concurrent;

namespace Outreach.Infrastructure.Inbox;

/// <summary>
/// The team's inbox counts on this node, computed once for everyone who asks within a short time (single
/// flight). Changes made through <see cref="InboxActions"/> on this node forget the team's entry at once;
/// changes on other nodes and new replies show within the age the caller accepts.
/// </summary>
public sealed class InboxCountCache(TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    public Task<InboxCounts> GetAsync(Guid teamId, TimeSpan maxAge, Func<Task<InboxCounts>> count)
    {
        while (true)
        {
            if (_entries.TryGetValue(teamId, out var entry) &&
                (!entry.Counts.IsCompleted || (entry.Counts.IsCompletedSuccessfully && clock.GetElapsedTime(entry.Started) <= maxAge)))
            {
                return entry.Counts;
            }
            var fresh = new Entry(clock.GetTimestamp(), new Lazy<Task<InboxCounts>>(count));
            var stored = entry is null ? _entries.GetOrAdd(teamId, fresh) : _entries.TryUpdate(teamId, fresh, entry) ? fresh : null;
            if (stored is not null)
            {
                return stored.Counts;
            }
            // Another caller replaced the entry first: look again.
        }
    }

    public void Forget(Guid teamId) => _entries.TryRemove(teamId, out _);

    private sealed class Entry(long started, Lazy<Task<InboxCounts>> counts)
    {
        public long Started { get; } = started;

        public Task<InboxCounts> Counts => counts.Value;
    }
}
