using System.Globalization;

namespace Outreach.Bench.Messaging;

/// <summary>Average cores busy over the window; NaN when the process was not given or could not be read.</summary>
public sealed record CpuUsage(double Console, double Postgres, double Driver, double Machine)
{
    /// <summary>
    /// Everything else on the machine (loopback networking in the kernel, any other work); never below 0,
    /// though the samples are taken a moment apart.
    /// </summary>
    public double Other => Math.Max(0, Machine - Console - Postgres - Driver);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"console {Console:0.00} cores, PostgreSQL {Postgres:0.00}, load driver {Driver:0.00}, other {Other:0.00}; whole machine {Machine:0.00} of {Environment.ProcessorCount}");

    public string Fields() => string.Create(CultureInfo.InvariantCulture,
        $"cpu_console={Console:0.00} cpu_postgres={Postgres:0.00} cpu_driver={Driver:0.00} cpu_other={Other:0.00} cpu_machine={Machine:0.00}");
}
