using System.Globalization;

namespace Outreach.Bench.Import.Importing;

/// <summary>Samples a process's resident set (VmRSS in /proc/PID/status) on a timer and keeps the peak.</summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakKb;

    private RssSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        _peakKb = Read(pid);
        _loop = LoopAsync(interval);
    }

    public long PeakKb => Interlocked.Read(ref _peakKb);

    /// <summary>Current resident set of the process, in kB.</summary>
    public static long Read(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var digits = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }
        throw new BenchmarkException($"No VmRSS in /proc/{pid}/status.");
    }

    public static RssSampler Start(int pid, TimeSpan interval) => new(pid, interval);

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var kb = Read(_pid);
                if (kb > _peakKb)
                {
                    Interlocked.Exchange(ref _peakKb, kb);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The process ended; the import's own status tells why.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
