using System.Diagnostics;

namespace Outreach.Bench.Reports;

/// <summary>Wall time and working set of one export, sampled on a timer while it runs.</summary>
public sealed record Measurement(double Seconds, double BaselineMegabytes, double PeakMegabytes, double AllocatedMegabytes, IReadOnlyList<double> Quartiles)
{
    public double ExtraMegabytes => PeakMegabytes - BaselineMegabytes;

    public static async Task<Measurement> RunAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var samples = new List<(double At, long Bytes)>();
        var stopwatch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var me = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                me.Refresh();
                lock (samples)
                {
                    samples.Add((stopwatch.Elapsed.TotalSeconds, me.WorkingSet64));
                }
                try
                {
                    await Task.Delay(20, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        await work();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        await stop.CancelAsync();
        await sampler;
        const double Mb = 1048576.0;
        List<(double At, long Bytes)> copy;
        lock (samples)
        {
            copy = [.. samples];
        }
        var peak = copy.Count == 0 ? baseline : Math.Max(baseline, copy.Max(s => s.Bytes));
        var quartiles = new[] { 0.25, 0.5, 0.75, 1.0 }
            .Select(q => copy.Where(s => s.At <= seconds * q).Select(s => s.Bytes).DefaultIfEmpty(baseline).Max() / Mb)
            .ToList();
        return new Measurement(seconds, baseline / Mb, peak / Mb, allocated / Mb, quartiles);
    }
}
