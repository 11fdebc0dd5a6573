using Outreach.Console.Features.Shared;

namespace Outreach.Console.Tests;

public class CoalescingRefreshTests
{
    [Fact]
    public async Task A_burst_during_a_refresh_becomes_one_more_refresh()
    {
        var calls = 0;
        var gate = new TaskCompletionSource();
        var refresh = new CoalescingRefresh(async () => { calls++; await gate.Task; }, TimeSpan.Zero, TimeProvider.System);

        var first = refresh.RequestAsync();
        for (var i = 0; i < 10; i++)
        {
            await refresh.RequestAsync();
        }
        gate.SetResult();
        await first;

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Refreshes_are_spaced_by_the_minimum_interval()
    {
        var started = new List<DateTimeOffset>();
        var refresh = new CoalescingRefresh(() => { started.Add(DateTimeOffset.UtcNow); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(300), TimeProvider.System);

        await refresh.RequestAsync();
        await refresh.RequestAsync();

        Assert.Equal(2, started.Count);
        Assert.True(started[1] - started[0] >= TimeSpan.FromMilliseconds(250), $"only {(started[1] - started[0]).TotalMilliseconds} ms apart");
    }
}
