using Microsoft.AspNetCore.Components;
using Outreach.Infrastructure.Events;

namespace Outreach.Console.Features.Shared;

/// <summary>
/// The one way a component shows live data. It subscribes to the team's live events (<see cref="RefreshOn"/>)
/// and timers (<see cref="RefreshEvery"/>), turns bursts into few reloads (<see cref="CoalescingRefresh"/>), lets
/// only the latest load put its result on screen (<see cref="LoadAsync{T}"/>), sends failures to the error
/// boundary (<see cref="ComponentBase.DispatchExceptionAsync"/>), and stops all of it when the component goes.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly CancellationTokenSource _disposing = new();
    private long _loadsStarted;
    private CoalescingRefresh? _refresh;
    private bool _disposed;

    [Inject] private TeamEvents Events { get; set; } = default!;

    [Inject] protected TimeProvider Clock { get; set; } = default!;

    /// <summary>Cancelled when the component is disposed: pass it to every query a load runs.</summary>
    protected CancellationToken Disposing => _disposing.Token;

    /// <summary>Shortest time between two refreshes a burst of events may cause.</summary>
    protected virtual TimeSpan RefreshInterval => TimeSpan.Zero;

    /// <summary>What a live event or a timer does: usually reload what the component shows.</summary>
    protected abstract Task RefreshAsync();

    /// <summary>Called on the renderer for each event before the refresh it asks for (to note what changed).</summary>
    protected virtual void OnLiveEvent(LiveEvent liveEvent)
    {
    }

    /// <summary>
    /// Refreshes when one of these kinds of event arrives for the team (every kind when none is given). Call it
    /// before the first load, so an event committed in between is delivered rather than lost.
    /// </summary>
    protected void RefreshOn(params string[] kinds) =>
        Own(Events.Subscribe(e => InvokeAsync(() =>
        {
            OnLiveEvent(e);
            return RequestRefreshAsync();
        }), kinds));

    /// <summary>Refreshes on a timer too, for what changes with time alone (an overdue reply, a countdown).</summary>
    protected void RefreshEvery(TimeSpan period) =>
        Own(Clock.CreateTimer(_ => _ = InvokeAsync(RequestRefreshAsync), null, period, period));

    /// <summary>Asks for a refresh now, coalesced with any other already running or queued.</summary>
    protected Task RequestRefreshAsync()
    {
        if (_disposed)
        {
            return Task.CompletedTask;
        }
        _refresh ??= new CoalescingRefresh(RefreshGuardedAsync, RefreshInterval, Clock);
        return _refresh.RequestAsync();
    }

    /// <summary>
    /// Reads, then applies what was read and re-renders, unless a newer load started in the meantime or the
    /// component is gone. A failed read goes to the error boundary instead of being lost on a timer thread.
    /// </summary>
    protected async Task LoadAsync<T>(Func<CancellationToken, Task<T>> read, Action<T> apply)
    {
        var ticket = ++_loadsStarted;
        T result;
        try
        {
            result = await read(Disposing);
        }
        catch (OperationCanceledException) when (_disposed)
        {
            return;
        }
        if (ticket == _loadsStarted && !_disposed)
        {
            apply(result);
            StateHasChanged();
        }
    }

    /// <summary>Disposed with the component.</summary>
    protected T Own<T>(T disposable) where T : IDisposable
    {
        if (_disposed)
        {
            disposable.Dispose();
        }
        else
        {
            _owned.Add(disposable);
        }
        return disposable;
    }

    private async Task RefreshGuardedAsync()
    {
        try
        {
            await RefreshAsync();
        }
        catch (OperationCanceledException) when (_disposed)
        {
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _refresh?.Stop();
        _disposing.Cancel();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
        _owned.Clear();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>For a component's own clean-up; everything the base owns is already stopped.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
