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

return await BenchMain.RunAsync(args, Usage, new Dictionary<string, BenchMain.Command>
{
    ["list"] = ListCommand.RunAsync,
    ["live"] = LiveCommand.RunAsync,
});
