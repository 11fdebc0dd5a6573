using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Automation;
using Outreach.Infrastructure.Calendar;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Bench.Calendar;

/// <summary>
/// The calendar page at scale, server time only (no rendering): what it loads when it opens (the rules legend,
/// the campaign filter and the week grid), the grid under each filter, and the panel of the busiest hour and of
/// a whole day. Through the product's own services on the tenant connection, so row-level security applies.
/// </summary>
public static class GridCommand
{
    private const string Zone = "America/Chicago";
    private const int Batch = 50_000;

    public static async Task<int> RunAsync(CommandLine options, CancellationToken cancellationToken)
    {
        var connection = options.Required("connection");
        var enrollments = options.Int("enrollments", 250_000);
        var executions = options.Int("executions", 20_000);
        var runs = options.Int("runs", 40);

        using var host = BenchHost.Build(connection, "bench-calendar");
        await OutreachDatabase.MigrateAsync(host.Services, cancellationToken);
        var owner = host.Services.GetRequiredService<NpgsqlDataSource>();
        var seed = await SetUpAsync(host, cancellationToken);
        var watch = Stopwatch.StartNew();
        await SeedEnrollmentsAsync(owner, seed, enrollments, cancellationToken);
        await SeedExecutionsAsync(owner, seed, executions, cancellationToken);
        Console.Error.WriteLine($"seeded {enrollments:N0} enrollments and {executions:N0} executions in {watch.Elapsed.TotalSeconds:0.0} s");
        foreach (var table in new[] { "prospects", "conversations", "campaign_enrollments", "follow_up_executions" })
        {
            await using var vacuum = owner.CreateCommand($"VACUUM ANALYZE {table}");
            vacuum.CommandTimeout = 600;
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        var scheduledSends = await ScalarAsync(owner, "SELECT count(*) FROM campaign_enrollments WHERE state IN ('Pending', 'Active')", cancellationToken);
        var pending = await ScalarAsync(owner, "SELECT count(*) FROM follow_up_executions WHERE status = 'Pending'", cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"enrollments={enrollments} scheduled_sends={scheduledSends} executions={executions} pending_executions={pending} runs={runs}"));

        // The seven days from today hold everything seeded (a Monday-to-Sunday week would hold part of it).
        var week = TeamClock.For(Zone, DateTimeOffset.UtcNow).Today;
        var busiest = await BusiestHourAsync(host, seed.TeamId, week, cancellationToken);
        var scenarios = new (string Name, double? Target, Func<IServiceProvider, Task<long>> Run)[]
        {
            ("Page opens: rules legend, campaign filter, week grid", 250, async s =>
            {
                await s.GetRequiredService<FollowUpRules>().ListAsync(cancellationToken);
                await s.GetRequiredService<ScheduleCalendar>().CampaignsAsync(cancellationToken);
                return (await s.GetRequiredService<ScheduleCalendar>().GridAsync(week, 7, CalendarFilter.All, cancellationToken)).Buckets.Sum(b => b.Total);
            }),
            ("Week grid, one campaign", null, async s =>
                (await s.GetRequiredService<ScheduleCalendar>().GridAsync(week, 7, new CalendarFilter(CampaignId: seed.Running), cancellationToken)).Buckets.Sum(b => b.Total)),
            ("Week grid, one rule", null, async s =>
                (await s.GetRequiredService<ScheduleCalendar>().GridAsync(week, 7, new CalendarFilter(RuleId: seed.Rule), cancellationToken)).Buckets.Sum(b => b.Total)),
            ("The busiest hour's panel", 100, async s =>
            {
                var slot = await s.GetRequiredService<ScheduleCalendar>().SlotAsync(busiest, 1, CalendarFilter.All, cancellationToken);
                return slot.CampaignSends.Sum(g => g.Count) + slot.ExecutionCount;
            }),
            ("A whole day's panel", 250, async s =>
            {
                var slot = await s.GetRequiredService<ScheduleCalendar>().SlotAsync(busiest.Date, 24, CalendarFilter.All, cancellationToken);
                return slot.CampaignSends.Sum(g => g.Count) + slot.ExecutionCount;
            }),
        };

        var failed = false;
        foreach (var (name, target, run) in scenarios)
        {
            var samples = new List<double>();
            long items = 0;
            for (var i = -5; i < runs; i++)
            {
                await using var scope = host.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantScope>().Set(seed.TeamId, null);
                var timer = Stopwatch.StartNew();
                items = await run(scope.ServiceProvider);
                if (i >= 0)
                {
                    samples.Add(timer.Elapsed.TotalMilliseconds);
                }
            }
            var p = new Percentiles(samples);
            var ok = target is null || p.At(95) <= target;
            failed |= !ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT grid scenario=\"{name}\" items={items} p50={p.At(50):0.0} p95={p.At(95):0.0} max={p.Max:0.0} target={(target is { } t ? $"{t:0}" : "none")} verdict={(target is null ? "no-target" : ok ? "ok" : "MISSED")}"));
        }
        return failed ? 1 : 0;
    }

    private sealed record Seed(Guid TeamId, Guid Running, Guid Paused, Guid NumberId, Guid[] Rules)
    {
        public Guid Rule => Rules[0];
    }

    private static async Task<Seed> SetUpAsync(IHost host, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var team = Team.Create("Calendar bench", Zone, clock);
        var number = SendingNumber.Register(team.Id, "+15122500101", SmsProviderNames.Simulator, null, clock);
        var rules = FollowUpRules.DefaultsFor(team.Id, clock).ToList();
        Campaign Plan(string name) => Campaign.Create(team.Id, CampaignPlan.Default(name) with
        {
            Audience = new CampaignAudience(AudienceKind.Tags, Tags: ["bench"]),
            Steps = [new CampaignStep(0, "Hi {{first_name|there}}, would you consider an offer?"), new CampaignStep(48, "Following up on my note")],
        }, "bench", clock);
        var running = Plan("Spring sellers");
        var paused = Plan("Held for review");
        await using (var db = host.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext())
        {
            db.AddRange(team, number, running, paused);
            db.AddRange(rules);
            await db.SaveChangesAsync(cancellationToken);
        }
        var owner = host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = owner.CreateCommand("UPDATE campaigns SET state = CASE WHEN id = @running THEN 'Running' ELSE 'Paused' END WHERE id IN (@running, @paused)");
        command.Parameters.AddWithValue("running", running.Id);
        command.Parameters.AddWithValue("paused", paused.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new Seed(team.Id, running.Id, paused.Id, number.Id, [.. rules.Select(r => r.Id)]);
    }

    /// <summary>
    /// Prospects and their enrollments: a third finished (completed, no next step), a fifth of the rest in the paused
    /// campaign; the next step due on one of the next seven days between 09:00 and 18:00 in the team's zone.
    /// </summary>
    private static async Task SeedEnrollmentsAsync(NpgsqlDataSource owner, Seed seed, int count, CancellationToken cancellationToken)
    {
        for (var start = 0; start < count; start += Batch)
        {
            await using var command = owner.CreateCommand("""
                WITH rows AS (
                    SELECT i, gen_random_uuid() AS prospect_id, '+1512' || lpad((3000000 + i)::text, 7, '0') AS phone
                    FROM generate_series(@from, @from + @count - 1) AS i
                ),
                prospects_added AS (
                    INSERT INTO prospects (id, team_id, first_name, phone, tags, custom_fields, status, engagement_score, do_not_contact,
                                           email_verified, is_owner_or_executive, created_at, updated_at)
                    SELECT prospect_id, @team, 'Pat', phone, ARRAY['bench'], '{}', 'New', 0, false, false, true, now(), now() FROM rows
                    RETURNING id
                )
                INSERT INTO campaign_enrollments (team_id, campaign_id, prospect_id, step, state, variant, next_due_at, enrolled_at, updated_at)
                SELECT @team, CASE WHEN r.i % 5 = 0 THEN @paused ELSE @running END, r.prospect_id,
                       CASE WHEN r.i % 3 = 2 THEN 2 ELSE r.i % 2 END,
                       CASE WHEN r.i % 3 = 2 THEN 'Completed' WHEN r.i % 2 = 1 THEN 'Active' ELSE 'Pending' END, 'A',
                       CASE WHEN r.i % 3 = 2 THEN NULL
                            ELSE (((now() AT TIME ZONE @zone)::date + r.i % 7) + make_time(9 + (r.i * 7) % 9, r.i % 60, 0)) AT TIME ZONE @zone END,
                       now(), now()
                FROM rows r JOIN prospects_added p ON p.id = r.prospect_id
                """);
            command.CommandTimeout = 600;
            command.Parameters.AddWithValue("team", seed.TeamId);
            command.Parameters.AddWithValue("running", seed.Running);
            command.Parameters.AddWithValue("paused", seed.Paused);
            command.Parameters.AddWithValue("zone", Zone);
            command.Parameters.AddWithValue("from", start);
            command.Parameters.AddWithValue("count", Math.Min(Batch, count - start));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Executions of the four rules, each with its prospect and conversation: half pending over the next week, half done in the last.</summary>
    private static async Task SeedExecutionsAsync(NpgsqlDataSource owner, Seed seed, int count, CancellationToken cancellationToken)
    {
        for (var start = 0; start < count; start += Batch)
        {
            await using var command = owner.CreateCommand("""
                WITH rows AS (
                    SELECT i, gen_random_uuid() AS prospect_id, gen_random_uuid() AS conversation_id, '+1737' || lpad((3000000 + i)::text, 7, '0') AS phone,
                           (@rules::uuid[])[1 + i % 4] AS rule_id,
                           CASE WHEN i % 2 = 0 THEN now() + make_interval(secs => (i * 7919) % (7 * 86400)) ELSE now() - make_interval(secs => (i * 7919) % (7 * 86400)) END AS due
                    FROM generate_series(@from, @from + @count - 1) AS i
                ),
                prospects_added AS (
                    INSERT INTO prospects (id, team_id, full_name, phone, tags, custom_fields, status, engagement_score, do_not_contact,
                                           email_verified, is_owner_or_executive, created_at, updated_at)
                    SELECT prospect_id, @team, 'Replier ' || i, phone, '{}', '{}', 'Replied', 0, false, false, true, now(), now() FROM rows
                    RETURNING id
                ),
                conversations_added AS (
                    INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority, unread_count, created_at)
                    SELECT r.conversation_id, @team, r.prospect_id, @number, r.phone, 'Open', 'HotResponses', 'Hot', 0, now()
                    FROM rows r JOIN prospects_added p ON p.id = r.prospect_id
                    RETURNING id
                )
                INSERT INTO follow_up_executions (team_id, rule_id, conversation_id, prospect_id, trigger_key, once, cancel_on_reply, definition, triggered_at, due_at,
                                                  status, actions_done, attempts, created_at, finished_at)
                SELECT @team, r.rule_id, r.conversation_id, r.prospect_id, 'bench:' || r.i, true, true, (SELECT f.definition FROM follow_up_rules f WHERE f.id = r.rule_id), r.due - interval '2 hours', r.due,
                       CASE WHEN r.i % 2 = 0 THEN 'Pending' WHEN r.i % 6 = 1 THEN 'Skipped' ELSE 'Completed' END, 0, 0, r.due - interval '2 hours',
                       CASE WHEN r.i % 2 = 0 THEN NULL ELSE r.due END
                FROM rows r JOIN conversations_added c ON c.id = r.conversation_id
                """);
            command.CommandTimeout = 600;
            command.Parameters.AddWithValue("team", seed.TeamId);
            command.Parameters.AddWithValue("number", seed.NumberId);
            command.Parameters.AddWithValue("rules", seed.Rules);
            command.Parameters.AddWithValue("from", start);
            command.Parameters.AddWithValue("count", Math.Min(Batch, count - start));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<DateTime> BusiestHourAsync(IHost host, Guid teamId, DateOnly week, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(teamId, null);
        var grid = await scope.ServiceProvider.GetRequiredService<ScheduleCalendar>().GridAsync(week, 7, CalendarFilter.All, cancellationToken);
        return grid.Buckets.Count == 0
            ? throw new BenchmarkException("Nothing is scheduled this week: the seed did not land.")
            : grid.Buckets.MaxBy(b => b.Total)!.Hour;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource owner, string sql, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
