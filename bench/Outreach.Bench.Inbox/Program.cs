using Outreach.Bench;
using Outreach.Bench.Inbox;

const string Usage = """
    Outreach inbox benchmark

      list --connection CS [--conversations 100000] [--runs 40]
          Gives the first team N conversations (prospects, conversations, one reply each) with set-based SQL,
          then times the inbox's first list page and its tab counts through the product's InboxQueries, as
          the page loads them, for the common tabs, sorts and searches. Prints RESULT lines.
      live --url BASE --connection CS --email E --password P [--rate 50] [--seconds 30] [--chromium PATH]
          Opens the inbox in headless Chromium, posts signed Twilio webhooks from new senders at a fixed rate,
          and measures from each webhook's 200 to its row appearing in the page. Prints RESULT lines; exits 1
          when a reply never appeared.
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
        "list" => await ListCommand.RunAsync(options, cancel.Token),
        "live" => await LiveCommand.RunAsync(options, cancel.Token),
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
