using System.Collections.Concurrent;

namespace Outreach.Infrastructure.Inbox;

/// <summary>
/// The team's inbox counts on this node, computed once for everyone who asks for counts at least as new as a
/// given moment (single flight). Every open page of a team hears the same live event at about the same time and
/// asks for counts newer than it: the first computes, the others share. Changes made through
/// <see cref="InboxActions"/> on this node forget the team's entry at once.
/// </summary>
public sealed class InboxCountCache(TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <param name="computedSince">Reuse counts whose computation started at or after this moment; null always computes.</param>
    public Task<InboxCounts> GetAsync(Guid teamId, DateTimeOffset? computedSince, Func<Task<InboxCounts>> count)
    {
        while (true)
        {
            if (computedSince is { } since && _entries.TryGetValue(teamId, out var entry) && entry.Started >= since &&
                (!entry.Counts.IsCompleted || entry.Counts.IsCompletedSuccessfully))
            {
                return entry.Counts;
            }
            _entries.TryGetValue(teamId, out var current);
            var fresh = new Entry(clock.GetUtcNow(), new Lazy<Task<InboxCounts>>(count));
            var stored = current is null ? _entries.TryAdd(teamId, fresh) : _entries.TryUpdate(teamId, fresh, current);
            if (stored)
            {
                return fresh.Counts;
            }
            // Another caller replaced the entry first: look again.
        }
    }

    public void Forget(Guid teamId) => _entries.TryRemove(teamId, out _);

    private sealed class Entry(DateTimeOffset started, Lazy<Task<InboxCounts>> counts)
    {
        public DateTimeOffset Started { get; } = started;

        public Task<InboxCounts> Counts => counts.Value;
    }
}
