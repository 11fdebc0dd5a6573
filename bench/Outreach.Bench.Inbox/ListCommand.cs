using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Domain.Inbox;
using Outreach.Infrastructure.Inbox;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Bench.Inbox;

/// <summary>
/// The inbox's first page at scale. The page loads two things: the list page (50 rows) and the tab counts;
/// both are timed here through the product's own queries, on the tenant connection the console uses, so row-level
/// security and the query filters apply exactly as in the console. Server time only: no rendering.
/// </summary>
public static class ListCommand
{
    private const double TargetMilliseconds = 150;

    public static async Task<int> RunAsync(CommandLine options, CancellationToken cancellationToken)
    {
        var connection = options.Required("connection");
        var wanted = options.Int("conversations", 100_000);
        var runs = options.Int("runs", 40);

        await using var owner = NpgsqlDataSource.Create(connection);
        var (teamId, userId) = await FirstTeamAsync(owner, cancellationToken);
        var existing = await ScalarAsync(owner, "SELECT count(*) FROM conversations WHERE team_id = @team", cancellationToken, ("team", teamId));
        if (existing < wanted)
        {
            var watch = Stopwatch.StartNew();
            await SeedAsync(owner, teamId, userId, (int)existing, wanted - (int)existing, cancellationToken);
            Console.Error.WriteLine($"seeded {wanted - existing:N0} conversations in {watch.Elapsed.TotalSeconds:0.0} s");
        }
        // As autovacuum leaves a table in steady state: statistics, and the visibility map that lets the counts be
        // answered from their indexes alone.
        foreach (var table in new[] { "prospects", "conversations", "messages" })
        {
            await using var vacuum = owner.CreateCommand($"VACUUM ANALYZE {table}");
            vacuum.CommandTimeout = 600;
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }
        var total = await ScalarAsync(owner, "SELECT count(*) FROM conversations WHERE team_id = @team", cancellationToken, ("team", teamId));

        using var host = BenchHost.Build(connection, "bench-inbox");
        // The target is the first page an operator opens; broad searches (thousands of matches sorted before the
        // newest 50 are taken) are measured and printed, but have no target of their own.
        var scenarios = new (string Name, InboxFilter Filter, bool Targeted)[]
        {
            ("Hot responses, newest", new InboxFilter { Tab = InboxTab.HotResponses }, true),
            ("All, newest", new InboxFilter { Tab = InboxTab.All }, true),
            ("All, longest waiting", new InboxFilter { Tab = InboxTab.All, Sort = InboxSort.OldestWaiting }, true),
            ("Mine, newest", new InboxFilter { Tab = InboxTab.Mine }, true),
            ("Overdue hot leads", new InboxFilter { Tab = InboxTab.All, OverdueOnly = true }, true),
            ("Search one person by name", new InboxFilter { Tab = InboxTab.All, Search = "holloway 4240" }, true),
            ("Search rare message words (~1,000 threads)", new InboxFilter { Tab = InboxTab.All, Search = "orchard fresno" }, true),
            ("Search a phone", new InboxFilter { Tab = InboxTab.All, Search = "(512) 300-0042" }, true),
            ("Search a common surname (12,500 threads)", new InboxFilter { Tab = InboxTab.All, Search = "holloway" }, false),
            ("Search common message words (~14,000 threads)", new InboxFilter { Tab = InboxTab.All, Search = "warehouse lease" }, false),
        };
        var failed = false;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"conversations={total} runs={runs}"));
        foreach (var (name, filter, targeted) in scenarios)
        {
            var pages = new List<double>();
            var counts = new List<double>();
            var both = new List<double>();
            var rows = 0;
            for (var run = -5; run < runs; run++)
            {
                await using var scope = host.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantScope>().Set(teamId, userId);
                var queries = scope.ServiceProvider.GetRequiredService<InboxQueries>();
                var watch = Stopwatch.StartNew();
                var page = await queries.GetPageAsync(filter, userId, 0, 50, cancellationToken);
                var pageMs = watch.Elapsed.TotalMilliseconds;
                await queries.GetCountsAsync(userId, cancellationToken);
                var totalMs = watch.Elapsed.TotalMilliseconds;
                if (run >= 0)
                {
                    pages.Add(pageMs);
                    counts.Add(totalMs - pageMs);
                    both.Add(totalMs);
                }
                rows = page.Rows.Count;
            }
            var p = new Percentiles(both);
            var ok = p.At(95) <= TargetMilliseconds;
            failed |= targeted && !ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT list scenario=\"{name}\" rows={rows} page_p50={new Percentiles(pages).At(50):0.0} page_p95={new Percentiles(pages).At(95):0.0} counts_p50={new Percentiles(counts).At(50):0.0} counts_p95={new Percentiles(counts).At(95):0.0} total_p50={p.At(50):0.0} total_p95={p.At(95):0.0} total_max={p.Max:0.0} verdict={(!targeted ? "no-target" : ok ? "ok" : "MISSED")}"));
        }
        return failed ? 1 : 0;
    }

    private static async Task<(Guid TeamId, Guid UserId)> FirstTeamAsync(NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("""
            SELECT t.id, m.user_id FROM teams t JOIN memberships m ON m.team_id = t.id AND m.role = 'Owner'
            ORDER BY t.created_at LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetGuid(0), reader.GetGuid(1))
            : throw new BenchmarkException("No team with an owner: is the console seeded?");
    }

    /// <summary>
    /// Prospects, conversations and one reply each, in a realistic mix: most open and spread over the five buckets,
    /// a fifth done, a tenth snoozed; a third assigned to the owner; half waiting for a human, some for hours.
    /// </summary>
    private static async Task SeedAsync(NpgsqlDataSource owner, Guid teamId, Guid userId, int from, int count, CancellationToken cancellationToken)
    {
        const int batch = 20_000;
        for (var start = from; start < from + count; start += batch)
        {
            var size = Math.Min(batch, from + count - start);
            await using var command = owner.CreateCommand("""
                WITH numbers AS (SELECT id FROM sending_numbers WHERE team_id = @team ORDER BY number),
                rows AS (
                    SELECT i, gen_random_uuid() AS prospect_id, gen_random_uuid() AS conversation_id,
                           '+1512' || lpad((3000000 + i)::text, 7, '0') AS phone,
                           (ARRAY['Holloway','Garcia','Nguyen','Okafor','Smith','Brennan','Kowalski','Haddad'])[1 + i % 8] AS surname,
                           (ARRAY['EmailCaptures','HotResponses','Objections','DoNotContact','Other'])[1 + (i * 7) % 5] AS bucket,
                           (ARRAY['Hot','Warm','Cold'])[1 + (i * 3) % 3] AS priority,
                           CASE WHEN i % 10 = 0 THEN 'Snoozed' WHEN i % 5 = 1 THEN 'Done' ELSE 'Open' END AS status,
                           now() - make_interval(secs => (i * 37) % (30 * 86400)) AS at,
                           CASE WHEN i % 97 = 0 THEN 'Call me about the orchard in Fresno'
                                ELSE (ARRAY['Yes I am interested, what is it worth?','Not now, maybe next year','Send it to me at owner@example.com',
                                  'Who is this?','We just signed a warehouse lease, call me','STOP','Thanks, I will think about it'])[1 + i % 7] END AS body
                    FROM generate_series(@from, @from + @count - 1) AS i
                ),
                prospects_added AS (
                    INSERT INTO prospects (id, team_id, full_name, first_name, last_name, company, phone, tags, custom_fields, status,
                                           engagement_score, do_not_contact, email_verified, is_owner_or_executive, created_at, updated_at)
                    SELECT prospect_id, @team, 'Pat ' || surname || ' ' || i, 'Pat', surname || ' ' || i, surname || ' Holdings ' || i, phone,
                           ARRAY['bench'], '{}', 'Replied', 0, false, false, true, at, at
                    FROM rows
                ),
                conversations_added AS (
                    INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority,
                        last_classification, last_confidence, assignee_id, unread_count, last_message_preview, last_message_at, last_inbound_at,
                        waiting_since, snoozed_until, created_at)
                    SELECT conversation_id, @team, prospect_id, (SELECT id FROM numbers OFFSET i % (SELECT count(*) FROM numbers) LIMIT 1),
                           phone, status, bucket, priority, 'Interested', 80, CASE WHEN i % 3 = 0 THEN @user END,
                           CASE WHEN i % 4 = 0 THEN 1 ELSE 0 END, left(body, 160), at, at,
                           CASE WHEN i % 2 = 0 THEN at END, CASE WHEN status = 'Snoozed' THEN now() + interval '1 day' END, at
                    FROM rows
                )
                INSERT INTO messages (id, team_id, conversation_id, direction, body, "from", "to", status, provider, segments, attempts,
                                      classification, confidence, created_at, delivered_at, status_updated_at)
                SELECT gen_random_uuid(), @team, conversation_id, 'Inbound', body, phone, '+15122400101', 'Delivered', 'simulator', 1, 0,
                       'Interested', 80, at, at, at
                FROM rows
                """);
            command.CommandTimeout = 600;
            command.Parameters.AddWithValue("team", teamId);
            command.Parameters.AddWithValue("user", userId);
            command.Parameters.AddWithValue("from", start);
            command.Parameters.AddWithValue("count", size);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource owner, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = owner.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
