using Outreach.Bench;
using Outreach.Bench.Messaging;
using Outreach.Bench.Messaging.Inbound;
using Outreach.Bench.Messaging.Outbound;

const string Usage = """
    Outreach messaging benchmark

      inbound --url BASE --connection CS [--rate 1000] [--seconds 60] [--warmup-seconds 5] [--senders 20000]
              [--max-in-flight 512] [--console-pid PID] [--postgres-pid PID] [--seed S] [--dump CSV]
          Posts signed Twilio inbound webhooks to BASE/webhooks/twilio/sms on a fixed timeline (open loop),
          then checks with SQL that every 200 is a committed, classified message. Prints RESULT lines;
          exits 1 when any request failed or the database disagrees. --dump writes one line per request.
      outbound --connection CS [--messages 20000] [--team-cap 200] [--timeout-seconds 600]
               [--console-pid PID] [--postgres-pid PID]
          Queues N messages through the simulator with SQL and times the console's dispatcher until every
          one is acknowledged. Prints RESULT lines; exits 1 when not all were acknowledged.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = CommandLine.Parse(args.Skip(1));
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    return args[0] switch
    {
        "inbound" => await InboundCommand.RunAsync(options, cancel.Token),
        "outbound" => await OutboundCommand.RunAsync(options, cancel.Token),
        _ => throw new CommandLineException($"Unknown command '{args[0]}'."),
    };
}
catch (CommandLineException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (BenchmarkException ex)
{
    Console.Error.WriteLine($"{args[0]}: {ex.Message}");
    return 1;
}
