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

return await BenchMain.RunAsync(args, Usage, new Dictionary<string, BenchMain.Command>
{
    ["inbound"] = InboundCommand.RunAsync,
    ["outbound"] = OutboundCommand.RunAsync,
});
