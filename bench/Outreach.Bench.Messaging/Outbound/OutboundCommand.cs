using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

using Outreach.Bench;

namespace Outreach.Bench.Messaging.Outbound;

/// <summary>
/// The outbound queue from the dispatcher's side: N messages are queued in one transaction, written as the
/// queue's own rows (prospect, conversation, message due now, provider "simulator"), and the console's
/// dispatcher is timed from that commit until every one is acknowledged by the simulator (status Sent).
/// Enqueueing through the guardrails is not part of this measurement; per-number pacing is reserved there, so
/// rows written directly are all due at once.
/// </summary>
public static class OutboundCommand
{
    private const double TargetPerSecond = 2000;

    public static async Task<int> RunAsync(CommandLine options, CancellationToken cancellationToken)
    {
        var count = options.Int("messages", 20_000);
        var teamCap = options.Int("team-cap", 500);
        var timeout = TimeSpan.FromSeconds(options.Int("timeout-seconds", 600));
        if (count < 1 || teamCap < 1)
        {
            throw new CommandLineException("--messages and --team-cap must be at least 1.");
        }
        await using var database = new BenchDatabase(options.Required("connection"));
        var (teamId, numbers) = await database.SimulatorNumbersAsync(cancellationToken);
        var sampler = new CpuSampler(ParsePid(options.Optional("console-pid")), ParsePid(options.Optional("postgres-pid")));

        var waiting = await database.ScalarAsync("SELECT count(*) FROM messages WHERE status IN ('Queued', 'Sending')", cancellationToken);
        if (waiting > 0)
        {
            Console.WriteLine($"outbound: note: {waiting:N0} messages of earlier work are queued or sending; they compete with this run");
        }
        // The team's cap on messages in flight (Settings → Sending rules allows 1 to 500; the default is 10).
        var previousCap = await database.ScalarAsync(
            "SELECT max_concurrent_sends FROM messaging_settings WHERE team_id = @team", cancellationToken, ("team", teamId));
        await database.ScalarAsync("UPDATE messaging_settings SET max_concurrent_sends = @cap WHERE team_id = @team",
            cancellationToken, ("cap", teamCap), ("team", teamId));
        Console.WriteLine($"outbound: team cap on concurrent sends {previousCap} -> {teamCap}");

        var run = RandomNumberGenerator.GetHexString(8, lowercase: true);
        var keyPrefix = $"bench-{run}-";
        var (commitAt, queuedIn) = await QueueAsync(database.DataSource, teamId, numbers, count, keyPrefix, cancellationToken);
        var committed = Stopwatch.GetTimestamp();
        sampler.Start();
        Console.WriteLine($"outbound: run {run}: {count:N0} messages queued in {queuedIn.TotalMilliseconds:N0} ms " +
                          $"from {numbers.Count} simulator numbers; waiting until the simulator has acknowledged every one");

        // Remaining = still Queued or Sending; both are covered by small partial indexes, so polling is cheap.
        const string remainingSql = """
            SELECT count(*) FROM messages
            WHERE status IN ('Queued', 'Sending') AND team_id = @team AND idempotency_key LIKE @prefix
            """;
        var progress = new List<(double Seconds, long Done)>();
        long remaining;
        var lastProgress = Stopwatch.GetTimestamp();
        var lastDone = 0L;
        while (true)
        {
            remaining = await database.ScalarAsync(remainingSql, cancellationToken, ("team", teamId), ("prefix", keyPrefix + "%"));
            var elapsed = Stopwatch.GetElapsedTime(committed);
            var done = count - remaining;
            progress.Add((elapsed.TotalSeconds, done));
            if (remaining == 0)
            {
                break;
            }
            if (done > lastDone)
            {
                lastDone = done;
                lastProgress = Stopwatch.GetTimestamp();
            }
            if (elapsed > timeout || Stopwatch.GetElapsedTime(lastProgress) > TimeSpan.FromSeconds(60))
            {
                Console.WriteLine($"outbound: giving up after {elapsed.TotalSeconds:N0} s with {remaining:N0} still queued or sending");
                break;
            }
            await Task.Delay(100, cancellationToken);
        }
        var pollSeconds = Stopwatch.GetElapsedTime(committed).TotalSeconds;
        var cpu = sampler.Stop();

        var byStatus = await database.GroupCountAsync("""
            SELECT status, count(*) FROM messages WHERE team_id = @team AND idempotency_key LIKE @prefix GROUP BY 1 ORDER BY 2 DESC
            """, cancellationToken, ("team", teamId), ("prefix", keyPrefix + "%"));
        var (acknowledged, first, p10, p90, last, errors) = await AcknowledgementsAsync(database.DataSource, teamId, keyPrefix, cancellationToken);

        // sent_at is the database's clock when the dispatcher recorded the batch: the acknowledgement, to the batch.
        var seconds = last is { } l ? (l - commitAt).TotalSeconds : double.NaN;
        var perSecond = acknowledged / seconds;
        var steady = p10 is { } a && p90 is { } b && b > a ? 0.8 * acknowledged / (b - a).TotalSeconds : double.NaN;
        var firstAfter = first is { } f ? (f - commitAt).TotalMilliseconds : double.NaN;

        Console.WriteLine();
        Console.WriteLine($"outbound: status of the run's messages: {string.Join(", ", byStatus.Select(s => $"{s.Key} {s.Count:N0}"))}");
        foreach (var (error, n) in errors)
        {
            Console.WriteLine($"outbound: error x{n:N0}: {error}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"outbound: {acknowledged:N0} of {count:N0} acknowledged {seconds:0.00} s after the queue committed " +
            $"(first after {firstAfter:N0} ms; polling saw the last after {pollSeconds:0.0} s): {perSecond:N0} messages/s overall, " +
            $"{steady:N0}/s between the 10th and 90th percentile"));
        Console.WriteLine($"outbound: CPU while draining: {cpu.Describe()}");
        PrintTimeline(progress);

        var complete = acknowledged == count;
        var verdict = complete && perSecond >= TargetPerSecond ? "met" : "MISSED";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT outbound run={run} messages={count} acknowledged={acknowledged} seconds={seconds:0.00} per_s={perSecond:0} steady_per_s={steady:0} " +
            $"first_ms={firstAfter:0} team_cap={teamCap} {cpu.Fields()} target={verdict}"));
        return complete ? 0 : 1;
    }

    /// <summary>
    /// Prospects in area code 737 (the inbound driver never replies from there, so none is suppressed), one
    /// conversation each on one of the simulator numbers in turn, and one message each, due now.
    /// Returns the database's clock right after the commit.
    /// </summary>
    private static async Task<(DateTimeOffset CommitAt, TimeSpan Took)> QueueAsync(
        NpgsqlDataSource dataSource, Guid teamId, List<(Guid Id, string Number)> numbers, int count, string keyPrefix, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var command = new NpgsqlCommand("""
                WITH numbers AS (
                    SELECT n.id, n.number, (row_number() OVER (ORDER BY n.number) - 1)::int AS slot
                    FROM unnest(@number_ids, @numbers) AS n(id, number)
                ),
                base AS (
                    SELECT 2000000 + coalesce(max(substr(phone, 6)::int) - 1999999, 0) AS first
                    FROM prospects WHERE team_id = @team AND phone LIKE '+1737%'
                ),
                prospects AS (
                    INSERT INTO prospects (id, team_id, first_name, last_name, full_name, company, phone, state, time_zone, tags, custom_fields,
                                           status, engagement_score, do_not_contact, email_verified, is_owner_or_executive, created_at, updated_at)
                    SELECT gen_random_uuid(), @team, f.name, 'Owner' || i, f.name || ' Owner' || i, 'Hill Country Services ' || i,
                           '+1737' || (base.first + i)::text, 'TX', 'America/Chicago', ARRAY['bench'], '{}', 'New', 0, false, false, true, now(), now()
                    FROM base, generate_series(0, @count - 1) AS i,
                         LATERAL (SELECT (ARRAY['Dana', 'Luis', 'Priya', 'Marcus', 'Ellen', 'Wei'])[1 + i % 6] AS name) f
                    RETURNING id, phone, first_name, company
                ),
                numbered AS (
                    SELECT p.*, (row_number() OVER (ORDER BY p.phone) - 1)::int AS i FROM prospects p
                ),
                conversations AS (
                    INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority,
                                               unread_count, last_message_preview, last_message_at, last_outbound_at, created_at)
                    SELECT gen_random_uuid(), @team, p.id, n.id, p.phone, 'Open', 'Other', 'Cold', 0, left('Hi ' || p.first_name, 160), now(), now(), now()
                    FROM numbered p JOIN numbers n ON n.slot = p.i % @number_count
                    RETURNING id, prospect_id, sending_number_id, prospect_phone
                )
                INSERT INTO messages (id, team_id, conversation_id, direction, source, body, "from", "to", status, provider, idempotency_key,
                                      segments, attempts, next_attempt_at, created_at, status_updated_at)
                SELECT gen_random_uuid(), @team, c.id, 'Outbound', 'Campaign',
                       'Hi ' || p.first_name || ', this is Sam with Lakeside Partners. We have a buyer looking at companies like '
                           || p.company || '. Open to a quick chat? Reply STOP to opt out.',
                       n.number, c.prospect_phone, 'Queued', 'simulator', @prefix || p.i, 1, 0, now(), now(), now()
                FROM conversations c JOIN numbered p ON p.id = c.prospect_id JOIN numbers n ON n.id = c.sending_number_id
                """, connection, transaction);
            command.Parameters.AddWithValue("team", teamId);
            command.Parameters.AddWithValue("count", count);
            command.Parameters.AddWithValue("prefix", keyPrefix);
            command.Parameters.AddWithValue("number_ids", numbers.Select(n => n.Id).ToArray());
            command.Parameters.AddWithValue("numbers", numbers.Select(n => n.Number).ToArray());
            command.Parameters.AddWithValue("number_count", numbers.Count);
            var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
            if (inserted != count)
            {
                throw new BenchmarkException($"Queued {inserted} messages instead of {count}.");
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await using var clock = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        var commitAt = (DateTime)(await clock.ExecuteScalarAsync(cancellationToken))!;
        return (new DateTimeOffset(commitAt, TimeSpan.Zero), watch.Elapsed);
    }

    private static async Task<(long Acknowledged, DateTimeOffset? First, DateTimeOffset? P10, DateTimeOffset? P90, DateTimeOffset? Last, List<(string, long)> Errors)>
        AcknowledgementsAsync(NpgsqlDataSource dataSource, Guid teamId, string keyPrefix, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(sent_at), min(sent_at),
                   percentile_disc(0.1) WITHIN GROUP (ORDER BY sent_at), percentile_disc(0.9) WITHIN GROUP (ORDER BY sent_at),
                   max(sent_at)
            FROM messages WHERE team_id = @team AND idempotency_key LIKE @prefix AND sent_at IS NOT NULL
            """);
        command.Parameters.AddWithValue("team", teamId);
        command.Parameters.AddWithValue("prefix", keyPrefix + "%");
        long acknowledged;
        DateTimeOffset? first, p10, p90, last;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            acknowledged = reader.GetInt64(0);
            DateTimeOffset? At(int ordinal) => reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetDateTime(ordinal), TimeSpan.Zero);
            (first, p10, p90, last) = (At(1), At(2), At(3), At(4));
        }
        await using var errorCommand = dataSource.CreateCommand("""
            SELECT coalesce(error_code, '?') || ': ' || coalesce(error_message, ''), count(*) FROM messages
            WHERE team_id = @team AND idempotency_key LIKE @prefix AND sent_at IS NULL
            GROUP BY 1 ORDER BY 2 DESC LIMIT 10
            """);
        errorCommand.Parameters.AddWithValue("team", teamId);
        errorCommand.Parameters.AddWithValue("prefix", keyPrefix + "%");
        var errors = new List<(string, long)>();
        await using (var reader = await errorCommand.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                errors.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }
        return (acknowledged, first, p10, p90, last, errors);
    }

    private static void PrintTimeline(List<(double Seconds, long Done)> progress)
    {
        Console.WriteLine("outbound: acknowledged per second (from the 100 ms polls):");
        var line = new List<string>();
        var previous = 0L;
        for (var second = 1; ; second++)
        {
            var upTo = progress.LastOrDefault(p => p.Seconds <= second);
            line.Add(string.Create(CultureInfo.InvariantCulture, $"{second}s:{upTo.Done - previous}"));
            previous = upTo.Done;
            if (progress.Count == 0 || second >= progress[^1].Seconds)
            {
                break;
            }
        }
        foreach (var chunk in line.Chunk(10))
        {
            Console.WriteLine("    " + string.Join("  ", chunk));
        }
    }

    private static int? ParsePid(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
}
