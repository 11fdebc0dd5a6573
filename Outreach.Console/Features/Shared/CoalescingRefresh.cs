namespace Outreach.Console.Features.Shared;

/// <summary>
/// Turns a burst of live events into few reloads: one refresh at a time, at most one more queued behind
/// it, and no two starting closer than <c>minimumInterval</c>. Call it from the component's renderer
/// (inside <c>InvokeAsync</c>), which is what makes its flags safe without locks.
/// </summary>
public sealed class CoalescingRefresh(Func<Task> refresh, TimeSpan minimumInterval, TimeProvider clock)
{
    private bool _running;
    private bool _again;
    private volatile bool _stopped;
    private DateTimeOffset _lastStarted = DateTimeOffset.MinValue;

    /// <summary>The component is gone: nothing more is refreshed, not even a refresh already waiting its turn.</summary>
    public void Stop() => _stopped = true;

    public async Task RequestAsync()
    {
        if (_stopped)
        {
            return;
        }
        if (_running)
        {
            _again = true;
            return;
        }
        _running = true;
        try
        {
            do
            {
                _again = false;
                var wait = _lastStarted == DateTimeOffset.MinValue ? TimeSpan.Zero : _lastStarted + minimumInterval - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock);
                }
                if (_stopped)
                {
                    return;
                }
                _lastStarted = clock.GetUtcNow();
                await refresh();
            }
            while (_again);
        }
        finally
        {
            _running = false;
        }
    }
}
