using System.Globalization;

namespace Outreach.Bench.Import.Importing;

/// <summary>
/// CPU time from /proc: the whole machine, the console process, and the PostgreSQL server (the postmaster and
/// its children). The two cores are shared with whatever else runs on the machine; "other" says how much of
/// them something else took during a measurement, so a slow number can be read for what it is.
/// </summary>
public sealed class CpuUsage
{
    // USER_HZ: /proc reports process times in clock ticks of 1/100 s on Linux.
    private const double TicksPerSecond = 100;

    private readonly int? _console;
    private readonly int? _postmaster;
    private readonly Snapshot _start;
    private readonly DateTime _startedAt = DateTime.UtcNow;

    private CpuUsage(int? console, int? postmaster)
    {
        _console = console;
        _postmaster = postmaster;
        _start = Take();
    }

    public static CpuUsage Start(int? consolePid, int? postmasterPid) => new(consolePid, postmasterPid);

    /// <summary>Cores busy on average since the start (1.00 = one core throughout): machine, console, PostgreSQL, other.</summary>
    public (double Machine, double Console, double Postgres, double Other) Stop()
    {
        var end = Take();
        var seconds = Math.Max(0.001, (DateTime.UtcNow - _startedAt).TotalSeconds);
        var machine = (end.MachineBusy - _start.MachineBusy) / TicksPerSecond / seconds;
        var console = Math.Max(0, end.Console - _start.Console) / TicksPerSecond / seconds;
        var postgres = Math.Max(0, end.Postgres - _start.Postgres) / TicksPerSecond / seconds;
        return (machine, console, postgres, Math.Max(0, machine - console - postgres));
    }

    public static string Format(double cores) => cores.ToString("0.00", CultureInfo.InvariantCulture);

    private sealed record Snapshot(long MachineBusy, long Console, long Postgres);

    private Snapshot Take()
    {
        long console = _console is { } c ? ProcessTicks(c) : 0;
        long postgres = 0;
        if (_postmaster is { } pm)
        {
            postgres = ProcessTicks(pm);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat && stat.ParentPid == pm)
                {
                    postgres += stat.Ticks;
                }
            }
        }
        return new Snapshot(MachineBusyTicks(), console, postgres);
    }

    /// <summary>All CPUs' time from the first line of /proc/stat, less idle and iowait, in USER_HZ ticks.</summary>
    private static long MachineBusyTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already inside user)
        var busy = 0L;
        for (var i = 0; i < Math.Min(fields.Length, 8); i++)
        {
            busy += i is 3 or 4 ? 0 : fields[i];
        }
        return busy;
    }

    private static long ProcessTicks(int pid) => Stat(pid)?.Ticks ?? 0;

    private static (int ParentPid, long Ticks)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may contain spaces and parentheses; the fields that matter follow the last ')'.
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // rest[0] is the state (field 3): ppid is field 4, utime 14, stime 15.
            return (int.Parse(rest[1], CultureInfo.InvariantCulture),
                long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null; // The process ended between the listing and the read.
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
