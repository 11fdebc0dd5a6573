namespace Outreach.Console.Features.Shared;

/// <summary>
/// Lets only the most recently started load of a component put its result on screen. A live page loads from
/// several places (its own actions, live events, a timer) and its renderer interleaves them at every await: a
/// load that read the database before a change but finished after a newer load would otherwise put the old
/// state back, with nothing left to correct it. Use it from the component's renderer only.
/// </summary>
public sealed class LatestLoad
{
    private long _started;

    /// <summary>Reads, then applies what was read unless another load started in the meantime (its result is newer).</summary>
    public async Task RunAsync<T>(Func<Task<T>> read, Action<T> apply)
    {
        var ticket = ++_started;
        var result = await read();
        if (ticket == _started)
        {
            apply(result);
        }
    }
}
