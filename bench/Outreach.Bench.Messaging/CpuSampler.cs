using System.Diagnostics;
using System.Globalization;

namespace Outreach.Bench.Messaging;

/// <summary>
/// Where the two cores went during a measurement: the console, PostgreSQL (the postmaster, its live backends
/// and the backends it has already reaped), this driver, and the whole machine, each in cores (1.0 = one core
/// busy for the whole window). Read from /proc, so it costs nothing while the load runs.
/// </summary>
public sealed class CpuSampler
{
    private readonly int? _consolePid;
    private readonly int? _postgresPid;
    private Snapshot _start;
    private long _startTimestamp;

    public CpuSampler(int? consolePid, int? postgresPid)
    {
        _consolePid = consolePid;
        _postgresPid = postgresPid;
    }

    public void Start()
    {
        _start = Take();
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public CpuUsage Stop()
    {
        var end = Take();
        var seconds = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        double Cores(double? from, double? to) => from is { } a && to is { } b && seconds > 0 ? (b - a) / seconds : double.NaN;
        return new CpuUsage(
            Cores(_start.Console, end.Console),
            Cores(_start.Postgres, end.Postgres),
            Cores(_start.Driver, end.Driver),
            Cores(_start.MachineBusy, end.MachineBusy));
    }

    private Snapshot Take() => new(
        _consolePid is { } c ? ProcessSeconds(c, includeReapedChildren: false) : null,
        _postgresPid is { } p ? PostgresSeconds(p) : null,
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
        MachineBusySeconds());

    private static double? PostgresSeconds(int postmaster)
    {
        if (ProcessSeconds(postmaster, includeReapedChildren: true) is not { } total)
        {
            return null;
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != postmaster && Stat(pid) is { } stat && stat.ParentPid == postmaster)
            {
                total += (stat.UserTicks + stat.SystemTicks) / ClockTicks;
            }
        }
        return total;
    }

    private static double? ProcessSeconds(int pid, bool includeReapedChildren) => Stat(pid) is { } s
        ? (s.UserTicks + s.SystemTicks + (includeReapedChildren ? s.ChildUserTicks + s.ChildSystemTicks : 0)) / ClockTicks
        : null;

    private static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name is in parentheses and may itself contain spaces or parentheses.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long F(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat((int)F(4), F(14), F(15), F(16), F(17));
    }

    private static double? MachineBusySeconds()
    {
        var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already inside user).
        var busy = values.Take(8).Sum() - values[3] - values[4];
        return busy / ClockTicks;
    }

    // USER_HZ: the unit of /proc's CPU times. Linux has fixed it at 100 on every architecture for user space.
    private const double ClockTicks = 100;

    private readonly record struct Snapshot(double? Console, double? Postgres, double? Driver, double? MachineBusy);

    private sealed record ProcStat(int ParentPid, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks);
}
