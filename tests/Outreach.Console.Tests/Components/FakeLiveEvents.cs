using Outreach.Infrastructure.Events;

namespace Outreach.Console.Tests.Components;

/// <summary>The team's live event stream, driven by the test: it publishes, and it counts who still listens.</summary>
public sealed class FakeLiveEvents : ILiveEventStream
{
    private readonly List<(Guid Team, Func<LiveEvent, Task> Handler)> _subscribers = [];

    public int Subscribers
    {
        get { lock (_subscribers) { return _subscribers.Count; } }
    }

    public IDisposable Subscribe(Guid teamId, Func<LiveEvent, Task> handler)
    {
        var entry = (teamId, handler);
        lock (_subscribers)
        {
            _subscribers.Add(entry);
        }
        return new Subscription(() => { lock (_subscribers) { _subscribers.Remove(entry); } });
    }

    public async Task PublishAsync(Guid teamId, string kind)
    {
        List<Func<LiveEvent, Task>> handlers;
        lock (_subscribers)
        {
            handlers = _subscribers.Where(s => s.Team == teamId).Select(s => s.Handler).ToList();
        }
        var liveEvent = new LiveEvent(teamId, kind, new Dictionary<string, string?>(), DateTimeOffset.UtcNow);
        foreach (var handler in handlers)
        {
            await handler(liveEvent);
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
