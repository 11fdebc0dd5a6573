using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Bench;
using Outreach.Bench.Reports;
using Outreach.Domain.Auditing;
using Outreach.Domain.Reports;
using Outreach.Infrastructure;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Reports;
using Outreach.Infrastructure.Tenancy;

const string Usage = """
    Outreach report export benchmark

      run --connection CS [--messages 100000] [--prospects 1000000] [--repeat 3] [--output DIR]
          Migrates the (empty) database CS, seeds one team with N messages and M prospects in SQL, then times
          the export code the /reports endpoints run, in this process, to a file: the workbook with the raw
          messages sheet, the messages CSV, and the prospects workbook sheet. Memory is sampled every 20 ms;
          "extra" is the peak working set during an export minus the working set just before it.
          Prints RESULT lines; exits 1 when a target is missed (3 s and 100 MB for messages, 100 MB for prospects).
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}
try
{
    var options = CommandLine.Parse(args.Skip(1));
    if (args[0] != "run")
    {
        throw new CommandLineException($"Unknown command '{args[0]}'.");
    }
    var connection = options.Required("connection");
    var messages = options.Int("messages", 100_000);
    var prospects = options.Int("prospects", 1_000_000);
    var output = options.Optional("output") ?? Path.GetTempPath();
    var repeat = options.Int("repeat", 3);

    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Bench" });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Outreach"] = connection,
        ["ConnectionStrings:OutreachApp"] = new NpgsqlConnectionStringBuilder(connection) { Username = "outreach_app" }.ConnectionString,
        ["Outreach:Scheduler:Enabled"] = "false",
        ["Outreach:Seed:Enabled"] = "false",
        ["Outreach:Messaging:Queue:Enabled"] = "false",
    });
    builder.Logging.ClearProviders();
    builder.AddInfrastructure();
    using var host = builder.Build();
    await OutreachDatabase.MigrateAsync(host.Services);

    var seed = new Seeder(connection);
    var stopwatch = Stopwatch.StartNew();
    var team = await seed.TeamAsync(messages, prospects);
    Console.WriteLine($"seeded {messages:N0} messages and {prospects:N0} prospects in {stopwatch.Elapsed.TotalSeconds:F1} s");

    var zone = "America/Chicago";
    var today = ReportPeriod.Today(zone, TimeProvider.System);
    var period = new ReportPeriod(today.AddDays(-Seeder.Days), today, zone);
    var failed = false;

    async Task<Measurement> MeasureAsync(string name, Func<IServiceProvider, Stream, Task> export)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
        var path = Path.Combine(output, $"bench-{name}");
        var measurement = await Measurement.RunAsync(async () =>
        {
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await export(scope.ServiceProvider, file);
        });
        Console.WriteLine($"RESULT {name}: {measurement.Seconds:F2} s (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}), extra memory {measurement.ExtraMegabytes:F0} MB " +
                          $"(baseline {measurement.BaselineMegabytes:F0} MB, peak {measurement.PeakMegabytes:F0} MB), allocated {measurement.AllocatedMegabytes:F0} MB, " +
                          $"file {new FileInfo(path).Length / 1048576.0:F1} MB; working set at 25/50/75/100 %: {string.Join(" / ", measurement.Quartiles.Select(q => $"{q:F0}"))} MB");
        File.Delete(path);
        return measurement;
    }

    var actor = new AuditActor(null, "benchmark");
    // Warm the code paths (JIT, pools) on a one-day export first, so the measurements are the exports themselves.
    var warm = new ReportPeriod(today, today, zone);
    await MeasureAsync("warm-up", (sp, s) => sp.GetRequiredService<ReportExporter>().WriteWorkbookAsync(s, warm, [RawTables.Messages], actor, default));

    // Each export runs --repeat times: the machine is shared, and the best run is the code's cost, the spread the machine's.
    for (var run = 1; run <= repeat; run++)
    {
        await MeasureAsync($"rollup-{Seeder.Days + 1}-days", async (sp, _) => await sp.GetRequiredService<ReportRollup>().RunAsync(period, default));
        var workbook = await MeasureAsync($"messages-workbook-{messages}", (sp, s) =>
            sp.GetRequiredService<ReportExporter>().WriteWorkbookAsync(s, period, [RawTables.Messages], actor, default));
        failed |= workbook.Seconds > 3 || workbook.ExtraMegabytes > 100;
        var csv = await MeasureAsync($"messages-csv-{messages}", (sp, s) =>
            sp.GetRequiredService<ReportExporter>().WriteCsvAsync(s, period, RawTables.Messages.Slug, actor, default));
        failed |= csv.Seconds > 3 || csv.ExtraMegabytes > 100;
    }
    if (prospects > 0)
    {
        var big = await MeasureAsync($"prospects-workbook-{prospects}", (sp, s) =>
            sp.GetRequiredService<ReportExporter>().WriteWorkbookAsync(s, period, [RawTables.Prospects], actor, default));
        failed |= big.ExtraMegabytes > 100;
    }
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
    return failed ? 1 : 0;
}
catch (CommandLineException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
