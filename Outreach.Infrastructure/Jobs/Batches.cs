using System.Diagnostics;

namespace Outreach.Infrastructure.Jobs;

/// <summary>The loop of the pumps that jobs fire: batches while there is work, up to a time budget.</summary>
public static class Batches
{
    /// <summary>Runs <paramref name="batch"/> until it handles nothing or <paramref name="budget"/> has passed; returns the total handled.</summary>
    public static async Task<int> WhileBusyAsync(Func<CancellationToken, Task<int>> batch, TimeSpan budget, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var total = 0;
        while (watch.Elapsed < budget && !cancellationToken.IsCancellationRequested)
        {
            var handled = await batch(cancellationToken);
            total += handled;
            if (handled == 0)
            {
                break;
            }
        }
        return total;
    }
}
