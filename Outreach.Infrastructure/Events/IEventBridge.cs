namespace Outreach.Infrastructure.Events;

/// <summary>Carries live events to the other console nodes that share the database.</summary>
public interface IEventBridge
{
    Task ForwardAsync(LiveEvent liveEvent, CancellationToken cancellationToken);
}
