using Outreach.Infrastructure.Events;

namespace Outreach.Console.Features.Shared;

/// <summary>
/// Live events for the circuit's team. Components subscribe with a handler that marshals onto their own
/// renderer (<c>e => InvokeAsync(...)</c>) and dispose the handle with the component.
/// </summary>
public sealed class TeamEvents(ILiveEventStream stream, CurrentMember member)
{
    public IDisposable Subscribe(Func<LiveEvent, Task> handler, params string[] kinds)
    {
        if (member.TeamId is not { } teamId)
        {
            return NoSubscription.Instance;
        }
        // A resync reaches every subscriber whatever kinds it asked for: it means "reload, you may have missed some".
        return kinds.Length == 0
            ? stream.Subscribe(teamId, handler)
            : stream.Subscribe(teamId, e => kinds.Contains(e.Kind) || e.Kind == LiveEventKinds.Resync ? handler(e) : Task.CompletedTask);
    }

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}
