namespace Outreach.Infrastructure.Events;

/// <summary>Publishes committed changes to every subscriber of the team, on this node and on every other.</summary>
public interface ILiveEventPublisher
{
    Task PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default);
}

/// <summary>Team-scoped subscriptions. Dispose the returned handle to unsubscribe.</summary>
public interface ILiveEventStream
{
    IDisposable Subscribe(Guid teamId, Func<LiveEvent, Task> handler);
}
