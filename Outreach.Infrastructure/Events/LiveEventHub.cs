using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Outreach.Infrastructure.Events;

/// <summary>
/// The in-process hub. Events published here reach local subscribers at once and are forwarded to the
/// other nodes through <see cref="IEventBridge"/>; events arriving from other nodes enter via
/// <see cref="DispatchLocal"/>. Handlers never run under a lock and never block the publisher.
/// </summary>
public sealed class LiveEventHub(IEventBridge bridge, NodeIdentity node, ILogger<LiveEventHub> logger)
    : ILiveEventPublisher, ILiveEventStream
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<long, Func<LiveEvent, Task>>> _byTeam = new();
    private long _nextId;

    public async Task PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        var stamped = liveEvent with { OriginNode = node.Name };
        DispatchLocal(stamped);
        try
        {
            await bridge.ForwardAsync(stamped, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is committed already; other nodes miss a live refresh, not data.
            logger.LogWarning(ex, "Could not forward live event {Kind} for team {TeamId} to other nodes", stamped.Kind, stamped.TeamId);
        }
    }

    public IDisposable Subscribe(Guid teamId, Func<LiveEvent, Task> handler)
    {
        var id = Interlocked.Increment(ref _nextId);
        var handlers = _byTeam.GetOrAdd(teamId, _ => new ConcurrentDictionary<long, Func<LiveEvent, Task>>());
        handlers[id] = handler;
        return new Subscription(() => handlers.TryRemove(id, out _));
    }

    /// <summary>Tells every local subscriber to reload, after events from other nodes may have been lost.</summary>
    public void DispatchResync(DateTimeOffset at)
    {
        foreach (var teamId in _byTeam.Keys)
        {
            DispatchLocal(new LiveEvent(teamId, LiveEventKinds.Resync, new Dictionary<string, string?>(), at) { OriginNode = node.Name });
        }
    }

    public void DispatchLocal(LiveEvent liveEvent)
    {
        if (liveEvent.TeamId is not { } teamId)
        {
            // An installation-wide event (the installation's kill switch) concerns every team.
            foreach (var team in _byTeam.Values)
            {
                Dispatch(team, liveEvent);
            }
            return;
        }
        if (_byTeam.TryGetValue(teamId, out var handlers))
        {
            Dispatch(handlers, liveEvent);
        }
    }

    private void Dispatch(ConcurrentDictionary<long, Func<LiveEvent, Task>> handlers, LiveEvent liveEvent)
    {
        foreach (var handler in handlers.Values)
        {
            try
            {
                var task = handler(liveEvent);
                if (!task.IsCompleted)
                {
                    _ = ObserveAsync(task, liveEvent);
                }
                else if (task.IsFaulted)
                {
                    LogHandlerFailure(task.Exception, liveEvent);
                }
            }
            catch (Exception ex)
            {
                LogHandlerFailure(ex, liveEvent);
            }
        }
    }

    private async Task ObserveAsync(Task task, LiveEvent liveEvent)
    {
        try
        {
            await task;
        }
        catch (Exception ex)
        {
            LogHandlerFailure(ex, liveEvent);
        }
    }

    private void LogHandlerFailure(Exception? ex, LiveEvent liveEvent) =>
        logger.LogWarning(ex, "A live event handler failed for {Kind} in team {TeamId}", liveEvent.Kind, liveEvent.TeamId);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
