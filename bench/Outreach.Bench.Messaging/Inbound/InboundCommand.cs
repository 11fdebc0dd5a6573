using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Outreach.Infrastructure.Messaging.Twilio;

using Outreach.Bench;

namespace Outreach.Bench.Messaging.Inbound;

/// <summary>
/// Open-loop load on the Twilio inbound webhook: request i is due at start + i/rate whatever happened to the
/// requests before it, so a slow console cannot slow the driver down and hide its own latency (coordinated
/// omission). Latency is measured from the moment a request was due, and also from the moment it was written.
/// The endpoint answers only after its transaction committed, so either is request-to-commit time.
/// </summary>
public static class InboundCommand
{
    private const string AccountSid = "AC5ef8732a3c49700934481addd5ce1659";
    private const double TargetP99Milliseconds = 50;

    /// <summary>How long Twilio waits for a webhook's answer before it counts the request as failed.</summary>
    private static readonly TimeSpan TwilioTimeout = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(CommandLine options, CancellationToken cancellationToken)
    {
        var baseUrl = options.Required("url").TrimEnd('/');
        var url = baseUrl + "/webhooks/twilio/sms";
        var rate = options.Int("rate", 1000);
        var seconds = options.Int("seconds", 60);
        var warmupSeconds = options.Int("warmup-seconds", 5);
        var senderCount = options.Int("senders", 20_000);
        var maxInFlight = options.Int("max-in-flight", 512);
        var seed = options.Int("seed", 20261122);
        if (rate < 1 || seconds < 1 || senderCount < 1 || maxInFlight < 1)
        {
            throw new CommandLineException("--rate, --seconds, --senders and --max-in-flight must be at least 1.");
        }

        await using var database = new BenchDatabase(options.Required("connection"));
        var key = await database.SimulatorKeyAsync(cancellationToken);
        var (_, numbers) = await database.SimulatorNumbersAsync(cancellationToken);

        // Everything is built before the clock starts, so the driver spends its share of the two cores on sending.
        var run = RandomNumberGenerator.GetHexString(8, lowercase: true);
        var warmupCount = warmupSeconds * rate;
        var total = warmupCount + seconds * rate;
        var random = new Random(seed);
        var senders = SenderPool.Create(senderCount, random);
        var writer = new ReplyWriter(random);
        var requests = new PreparedRequest[total];
        var buildWatch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var senderIndex = random.Next(senders.Length);
            var to = numbers[random.Next(numbers.Count)].Number;
            var (intent, body, numMedia) = writer.Next(senderIndex, senders[senderIndex]);
            // Twilio message SIDs are "SM" and 32 hex digits; ours carry the run and the phase so SQL can find them.
            var sid = string.Create(CultureInfo.InvariantCulture, $"SM{run}{(i < warmupCount ? 'a' : 'b')}{i:x23}");
            requests[i] = Prepare(key, url, sid, senders[senderIndex], to, body, numMedia, intent);
        }
        Console.WriteLine($"inbound: run {run}: {total:N0} signed webhooks prepared in {buildWatch.ElapsedMilliseconds} ms " +
                          $"({warmupCount:N0} warm-up, {total - warmupCount:N0} measured) from {senders.Length:N0} senders to {numbers.Count} numbers");

        using var client = CreateClient(maxInFlight);
        var target = new Uri(url);
        var scheduled = new long[total];
        var written = new long[total];
        var finished = new long[total];
        var statuses = new int[total];
        var dropped = new bool[total];
        var errors = new ConcurrentDictionary<string, int>();
        using var gate = new SemaphoreSlim(maxInFlight);
        var sampler = new CpuSampler(ParsePid(options.Optional("console-pid")), ParsePid(options.Optional("postgres-pid")));

        async Task SendAsync(int i)
        {
            // Twilio gives up on a webhook after 15 seconds, so a request that has not been answered 15 s after it
            // was due has failed, whether it waited here for a free slot or in the console. This also bounds the run.
            var deadline = scheduled[i] + (long)(TwilioTimeout.TotalSeconds * Stopwatch.Frequency);
            TimeSpan Remaining() => TimeSpan.FromSeconds(Math.Max(0, deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            if (!await gate.WaitAsync(Remaining(), cancellationToken))
            {
                finished[i] = written[i] = Stopwatch.GetTimestamp();
                statuses[i] = -1;
                dropped[i] = true;
                errors.AddOrUpdate($"not sent: {maxInFlight} requests were in flight until Twilio's {TwilioTimeout.TotalSeconds:0} s timeout", 1, (_, n) => n + 1);
                return;
            }
            try
            {
                written[i] = Stopwatch.GetTimestamp();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(Remaining());
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(requests[i].Form) };
                request.Content.Headers.ContentType = FormContentType;
                request.Headers.TryAddWithoutValidation(TwilioSignature.HeaderName, requests[i].Signature);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                finished[i] = Stopwatch.GetTimestamp();
                statuses[i] = (int)response.StatusCode;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    // The start of the body tells an error page from a webhook answer sent with an error status.
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    errors.AddOrUpdate($"HTTP {(int)response.StatusCode}: {Snippet(text)}", 1, (_, n) => n + 1);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                finished[i] = Stopwatch.GetTimestamp();
                statuses[i] = -1;
                errors.AddOrUpdate($"no answer within Twilio's {TwilioTimeout.TotalSeconds:0} s webhook timeout", 1, (_, n) => n + 1);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                finished[i] = Stopwatch.GetTimestamp();
                statuses[i] = -1;
                errors.AddOrUpdate($"{ex.GetType().Name}: {ex.Message}", 1, (_, n) => n + 1);
            }
            finally
            {
                gate.Release();
            }
        }

        Console.WriteLine($"inbound: {warmupSeconds} s warm-up, then {seconds} s at {rate:N0}/s to {url} (at most {maxInFlight} in flight)");
        var tasks = new Task[total];
        var ticksPerRequest = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20;
        var measuredStart = start + (long)(warmupCount * ticksPerRequest);
        for (var next = 0; next < total;)
        {
            var now = Stopwatch.GetTimestamp();
            var due = start + (long)(next * ticksPerRequest);
            if (now < due)
            {
                // Never spin: the console and PostgreSQL need these cores. A timer tick is about a millisecond,
                // and each request's latency counts from when it was due, so the tick is charged to us, not hidden.
                var wait = Math.Max(1, (int)((due - now) * 1000 / Stopwatch.Frequency));
                await Task.Delay(wait, cancellationToken);
                continue;
            }
            if (next == warmupCount)
            {
                sampler.Start();
            }
            scheduled[next] = due;
            tasks[next] = SendAsync(next);
            next++;
        }
        var sendingEnded = Stopwatch.GetTimestamp();
        await Task.WhenAll(tasks);
        var cpu = sampler.Stop();
        var lagAtEnd = Seconds(sendingEnded - (start + (long)((total - 1) * ticksPerRequest)));

        // ------------------------------------------------------------ what the driver saw
        var measured = Enumerable.Range(warmupCount, total - warmupCount).ToArray();
        var ok = measured.Count(i => statuses[i] == 200);
        var failed = measured.Length - ok;
        var warmupOk = Enumerable.Range(0, warmupCount).Count(i => statuses[i] == 200);
        var warmupFailed = warmupCount - warmupOk;
        var fromDue = new Percentiles(measured.Where(i => statuses[i] == 200).Select(i => Milliseconds(finished[i] - scheduled[i])));
        var fromWrite = new Percentiles(measured.Where(i => statuses[i] == 200).Select(i => Milliseconds(finished[i] - written[i])));
        var sentIndexes = measured.Where(i => !dropped[i]).ToArray();
        var sendSeconds = sentIndexes.Length > 1 ? Seconds(sentIndexes.Max(i => written[i]) - sentIndexes.Min(i => written[i])) : 0;
        var sentRate = sendSeconds > 0 ? (sentIndexes.Length - 1) / sendSeconds : double.NaN;
        var lastFinished = measured.Max(i => finished[i]);
        var completedRate = ok / Seconds(lastFinished - measuredStart);

        Console.WriteLine();
        Console.WriteLine($"inbound: measured {measured.Length:N0} requests ({sentIndexes.Length:N0} sent): {ok:N0} answered 200, {failed:N0} errors " +
                          $"(warm-up: {warmupOk:N0} answered 200, {warmupFailed:N0} errors)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inbound: sent at {sentRate:N0}/s (target {rate:N0}/s; the driver finished sending {lagAtEnd * 1000:0} ms after the timeline), " +
            $"committed at {completedRate:N0}/s"));
        Console.WriteLine($"inbound: latency from when each request was due:  {fromDue.Describe()}");
        Console.WriteLine($"inbound: latency from when each request was sent: {fromWrite.Describe()}");
        Console.WriteLine($"inbound: CPU while measured: {cpu.Describe()}");
        foreach (var (error, count) in errors.OrderByDescending(e => e.Value).Take(10))
        {
            Console.WriteLine($"inbound: error x{count:N0}: {error}");
        }
        PrintTimeline(measured, scheduled, finished, statuses, measuredStart, windowSeconds: 10);

        if (options.Optional("dump") is { } dumpPath)
        {
            // One line per request, for joining with the database afterwards (a diagnostic, not part of the report).
            await using var dump = new StreamWriter(dumpPath);
            await dump.WriteLineAsync("sid,status,due_ms,sent_ms,finished_ms,intent");
            for (var i = 0; i < total; i++)
            {
                await dump.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{requests[i].Sid},{statuses[i]},{Milliseconds(scheduled[i] - start):0.0},{Milliseconds(written[i] - start):0.0},{Milliseconds(finished[i] - start):0.0},{requests[i].Intent}"));
            }
        }

        // ------------------------------------------------------------ what the database says
        // Every 200 must be a committed, classified message; and nothing else may be committed, since a webhook that
        // failed was, as far as the provider knows, not taken (it will be sent again).
        var okSids = measured.Where(i => statuses[i] == 200).Select(i => requests[i].Sid).ToArray();
        var warmupOkSids = Enumerable.Range(0, warmupCount).Where(i => statuses[i] == 200).Select(i => requests[i].Sid).ToArray();
        const string inboundOfRun = "FROM messages WHERE provider = 'simulator' AND direction = 'Inbound'";
        var committedOk = await database.ScalarAsync($"SELECT count(*) {inboundOfRun} AND provider_message_id = ANY(@sids)", cancellationToken, ("sids", okSids));
        var classifiedOk = await database.ScalarAsync(
            $"SELECT count(*) {inboundOfRun} AND provider_message_id = ANY(@sids) AND classification IS NOT NULL", cancellationToken, ("sids", okSids));
        var committed = await database.ScalarAsync($"SELECT count(*) {inboundOfRun} AND provider_message_id LIKE @prefix", cancellationToken, ("prefix", $"SM{run}b%"));
        var committedWarmupOk = await database.ScalarAsync($"SELECT count(*) {inboundOfRun} AND provider_message_id = ANY(@sids)", cancellationToken, ("sids", warmupOkSids));
        var committedWarmup = await database.ScalarAsync($"SELECT count(*) {inboundOfRun} AND provider_message_id LIKE @prefix", cancellationToken, ("prefix", $"SM{run}a%"));
        var byKind = await database.GroupCountAsync(
            $"SELECT classification, count(*) {inboundOfRun} AND provider_message_id = ANY(@sids) GROUP BY 1 ORDER BY 2 DESC", cancellationToken, ("sids", okSids));
        var intents = measured.Where(i => statuses[i] == 200).GroupBy(i => requests[i].Intent).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} {g.Count():N0}");
        Console.WriteLine($"inbound: database: of {ok:N0} requests answered 200, {committedOk:N0} are committed and {classifiedOk:N0} classified; " +
                          $"{committed - committedOk:N0} requests that failed were committed all the same " +
                          $"(warm-up: {committedWarmupOk:N0} of {warmupOk:N0}, and {committedWarmup - committedWarmupOk:N0} failed but committed)");
        Console.WriteLine($"inbound: answered 200, as meant:      {string.Join(", ", intents)}");
        Console.WriteLine($"inbound: answered 200, as classified: {string.Join(", ", byKind.Select(k => $"{k.Key} {k.Count:N0}"))}");
        var consistent = committedOk == ok && classifiedOk == ok && committed == ok && committedWarmup == warmupOk && committedWarmupOk == warmupOk;
        if (!consistent)
        {
            Console.WriteLine("inbound: MISMATCH: the database does not hold exactly one classified message per 200 response");
        }
        var classified = classifiedOk;

        var p99 = fromDue.At(99);
        var verdict = failed == 0 && warmupFailed == 0 && consistent && p99 <= TargetP99Milliseconds && completedRate >= rate * 0.99 ? "met" : "MISSED";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT inbound run={run} rate={rate} seconds={seconds} requests={measured.Length} ok={ok} errors={failed} warmup_errors={warmupFailed} " +
            $"sent_per_s={sentRate:0} committed_per_s={completedRate:0} " +
            $"p50_ms={fromDue.At(50):0.0} p95_ms={fromDue.At(95):0.0} p99_ms={p99:0.0} max_ms={fromDue.Max:0.0} " +
            $"sent_p50_ms={fromWrite.At(50):0.0} sent_p99_ms={fromWrite.At(99):0.0} " +
            $"committed={committed} committed_ok={committedOk} failed_but_committed={committed - committedOk} classified={classified} consistent={(consistent ? "yes" : "no")} {cpu.Fields()} target={verdict}"));
        return failed == 0 && warmupFailed == 0 && consistent ? 0 : 1;
    }

    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded");

    private static PreparedRequest Prepare(string key, string url, string sid, string from, string to, string body, int numMedia, ReplyIntent intent)
    {
        // The fields Twilio posts for an inbound SMS, in its order; the signature covers all of them.
        var fields = new List<KeyValuePair<string, string>>
        {
            new("ToCountry", "US"),
            new("ToState", ""),
            new("SmsMessageSid", sid),
            new("NumMedia", numMedia.ToString(CultureInfo.InvariantCulture)),
            new("ToCity", ""),
            new("FromZip", ""),
            new("SmsSid", sid),
            new("FromState", ""),
            new("SmsStatus", "received"),
            new("FromCity", ""),
            new("Body", body),
            new("FromCountry", "US"),
            new("To", to),
            new("ToZip", ""),
            new("NumSegments", Segments(body).ToString(CultureInfo.InvariantCulture)),
            new("MessageSid", sid),
            new("AccountSid", AccountSid),
            new("From", from),
            new("ApiVersion", "2010-04-01"),
        };
        if (numMedia > 0)
        {
            fields.Add(new("MediaContentType0", "image/jpeg"));
            fields.Add(new("MediaUrl0", $"https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages/MM{sid[2..]}/Media/ME{sid[2..]}"));
        }
        using var content = new FormUrlEncodedContent(fields);
        var form = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return new PreparedRequest(sid, form, TwilioSignature.Compute(key, url, fields), intent);
    }

    /// <summary>GSM-7 fits 160 characters in one segment (153 when split); anything else (emoji) 70 (67).</summary>
    private static int Segments(string body)
    {
        var gsm = body.All(c => c < 128);
        var (single, part) = gsm ? (160, 153) : (70, 67);
        return body.Length <= single ? 1 : (body.Length + part - 1) / part;
    }

    private static HttpClient CreateClient(int maxInFlight)
    {
        var handler = new SocketsHttpHandler
        {
            // One connection per request in flight, kept open: the driver must never wait for a socket.
            MaxConnectionsPerServer = maxInFlight,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        // Each request carries its own deadline (Twilio's timeout, counted from when it was due).
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static void PrintTimeline(int[] measured, long[] scheduled, long[] finished, int[] statuses, long measuredStart, int windowSeconds)
    {
        Console.WriteLine($"inbound: per {windowSeconds} s of the timeline (latency from due):");
        Console.WriteLine("    from      requests   errors      p50      p99      max");
        foreach (var window in measured.GroupBy(i => (int)(Seconds(scheduled[i] - measuredStart) / windowSeconds)).OrderBy(g => g.Key))
        {
            var latencies = new Percentiles(window.Where(i => statuses[i] == 200).Select(i => Milliseconds(finished[i] - scheduled[i])));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {window.Key * windowSeconds,3} s {window.Count(),12:N0} {window.Count(i => statuses[i] != 200),8:N0} {latencies.At(50),8:0.0} {latencies.At(99),8:0.0} {latencies.Max,8:0.0}"));
        }
    }

    private static string Snippet(string text)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= 80 ? collapsed : collapsed[..80] + "...";
    }

    private static int? ParsePid(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private sealed record PreparedRequest(string Sid, byte[] Form, string Signature, ReplyIntent Intent);
}
