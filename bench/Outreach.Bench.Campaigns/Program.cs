using BenchmarkDotNet.Running;
using Outreach.Bench;
using Outreach.Bench.Campaigns;

const string Usage = """
    Outreach campaign benchmark

      guardrails [BenchmarkDotNet arguments]
          The guardrail policy per message (BenchmarkDotNet). Target: 20 µs or less.
      dispatch --connection SERVER_CS [--prospects 100000] [--numbers 1000] [--parallelism 8] [--batch 1000]
          A campaign of N prospects due at once, pumped in this process: due to queued. Target: 1,000/s or more.
      killswitch --connection SERVER_CS [--runs 20] [--prospects 3000] [--provider-ms 5]
          Pump and dispatcher at full speed, then the campaign's kill switch. Target: last send p99 at most 1 s
          after the call, zero sends after the acknowledgement.
    SERVER_CS connects as a superuser-like owner to any database of the cluster; each command creates and
    drops a database of its own.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}
try
{
    switch (args[0])
    {
        case "guardrails":
            BenchmarkRunner.Run<GuardrailBenchmarks>(args: args[1..]);
            return 0;
        case "dispatch":
            return await Commands.DispatchAsync(Outreach.Bench.CommandLine.Parse(args.Skip(1)));
        case "killswitch":
            return await Commands.KillSwitchAsync(Outreach.Bench.CommandLine.Parse(args.Skip(1)));
        default:
            throw new CommandLineException($"Unknown command '{args[0]}'.");
    }
}
catch (CommandLineException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
