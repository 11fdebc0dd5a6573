using Outreach.Console.Features.Shared;

namespace Outreach.Console.Tests;

public class LatestLoadTests
{
    [Fact]
    public async Task A_load_that_started_earlier_but_finishes_later_does_not_put_its_older_result_back()
    {
        var shown = "";
        var loads = new LatestLoad();
        var slowRead = new TaskCompletionSource<string>();

        // A live refresh reads before a change and is slow; the operator's own load after the change is quick.
        var stale = loads.RunAsync(() => slowRead.Task, result => shown = result);
        await loads.RunAsync(() => Task.FromResult("after the change"), result => shown = result);
        slowRead.SetResult("before the change");
        await stale;

        Assert.Equal("after the change", shown);
    }

    [Fact]
    public async Task Loads_one_after_another_each_apply_their_result()
    {
        var shown = new List<int>();
        var loads = new LatestLoad();

        await loads.RunAsync(() => Task.FromResult(1), shown.Add);
        await loads.RunAsync(() => Task.FromResult(2), shown.Add);

        Assert.Equal([1, 2], shown);
    }
}
