using System.Text.Json;
using Npgsql;
using Outreach.Domain.Automation;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Calendar;

/// <summary>
/// Everything the team has scheduled, by hour of the team's own clock: the next step each campaign
/// enrollment is owed (the engine knows a later step only once the previous one is sent), scheduled
/// campaigns' starts, and pending follow-up executions. Read in set-based statements under the team's
/// row-level security, so one team never sees another's.
/// </summary>
public sealed class ScheduleCalendar(TenantDatabase tenantDatabase, TenantScope scope, TimeProvider clock)
{
    /// <summary>At most this many executions are listed for one slot; the rest are counted.</summary>
    public const int MaxListedExecutions = 200;

    private static readonly JsonSerializerOptions StepJson = new(JsonSerializerDefaults.Web);

    /// <summary>The team's zone and its local time now: what "today" and "this hour" mean on the calendar.</summary>
    [ReadOnly]
    public async Task<TeamClock> ClockAsync(CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        return await ClockAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Hour buckets from local midnight of <paramref name="start"/> (null: the team's today) for <paramref name="days"/> days, in the team's zone.
    /// Buckets are local clock hours (<c>date_trunc('hour', due AT TIME ZONE zone)</c>): on the night clocks go back
    /// both 01:00 hours fall in the 01:00 bucket, and on the night they go forward the 02:00 bucket stays empty.
    /// </summary>
    [ReadOnly]
    public async Task<CalendarGrid> GridAsync(DateOnly? start, int days, CalendarFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 62);
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        var teamClock = await ClockAsync(connection, cancellationToken);
        var from = start ?? teamClock.Today;
        var buckets = new Dictionary<DateTime, CalendarBucket>();
        void Add(DateTime hour, Func<CalendarBucket, CalendarBucket> change) =>
            buckets[hour] = change(buckets.TryGetValue(hour, out var b) ? b : new CalendarBucket(hour));

        if (filter.IncludesCampaigns)
        {
            await using (var command = Command(connection, $"""
                SELECT date_trunc('hour', s.q AT TIME ZONE @zone) AS hour,
                       coalesce(sum(s.n) FILTER (WHERE c.state = 'Running' AND NOT t.stopped), 0)::bigint,
                       coalesce(sum(s.n) FILTER (WHERE c.state <> 'Running' OR t.stopped), 0)::bigint
                FROM (
                    SELECT e.campaign_id, {QuarterHour("e.next_due_at")} AS q, count(*) AS n
                    FROM campaign_enrollments e
                    WHERE e.state IN ('Pending', 'Active') AND {Around("e.next_due_at")}
                      AND (@campaign::uuid IS NULL OR e.campaign_id = @campaign)
                    GROUP BY 1, 2
                ) s
                JOIN campaigns c ON c.id = s.campaign_id AND c.state IN ('Running', 'Paused', 'Scheduled')
                -- While a kill switch stops the team's sending, every send waits: held, whatever the campaign's state.
                CROSS JOIN (SELECT app_team_sending_stopped(app_current_team()) AS stopped) t
                WHERE {Local("s.q")}
                GROUP BY 1
                """, teamClock.Zone, from, days, filter))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (running, held) = (reader.GetInt64(1), reader.GetInt64(2));
                    Add(reader.GetDateTime(0), b => b with { CampaignSends = running, HeldCampaignSends = held });
                }
            }
            await using (var command = Command(connection, $"""
                SELECT date_trunc('hour', c.start_at AT TIME ZONE @zone), count(*)
                FROM campaigns c
                WHERE c.state = 'Scheduled' AND {Within("c.start_at")}
                  AND (@campaign::uuid IS NULL OR c.id = @campaign)
                GROUP BY 1
                """, teamClock.Zone, from, days, filter))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var starts = (int)reader.GetInt64(1);
                    Add(reader.GetDateTime(0), b => b with { CampaignStarts = starts });
                }
            }
        }
        if (filter.IncludesFollowUps)
        {
            await using var command = Command(connection, $"""
                SELECT date_trunc('hour', s.q AT TIME ZONE @zone),
                       coalesce(sum(s.n) FILTER (WHERE r.is_enabled), 0)::bigint, coalesce(sum(s.n) FILTER (WHERE NOT r.is_enabled), 0)::bigint
                FROM (
                    SELECT x.rule_id, {QuarterHour("x.due_at")} AS q, count(*) AS n
                    FROM follow_up_executions x
                    WHERE x.status = 'Pending' AND {Around("x.due_at")}
                      AND (@rule::uuid IS NULL OR x.rule_id = @rule)
                    GROUP BY 1, 2
                ) s
                JOIN follow_up_rules r ON r.id = s.rule_id
                WHERE {Local("s.q")}
                GROUP BY 1
                """, teamClock.Zone, from, days, filter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (enabled, held) = (reader.GetInt64(1), reader.GetInt64(2));
                Add(reader.GetDateTime(0), b => b with { FollowUps = enabled, HeldFollowUps = held });
            }
        }

        var overdue = await OverdueAsync(connection, filter, cancellationToken);
        return new CalendarGrid(teamClock, from, days, buckets.Values.OrderBy(b => b.Hour).ToList(), overdue);
    }

    /// <summary>
    /// What is scheduled from <paramref name="localStart"/> (the team's clock) for <paramref name="hours"/> hours: each pending
    /// execution (at most <see cref="MaxListedExecutions"/>), campaign sends grouped by campaign and step, and campaign starts.
    /// </summary>
    [ReadOnly]
    public async Task<CalendarSlot> SlotAsync(DateTime localStart, int hours, CalendarFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, 24 * 7);
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        var teamClock = await ClockAsync(connection, cancellationToken);
        var start = DateTime.SpecifyKind(localStart, DateTimeKind.Unspecified);
        var end = start.AddHours(hours);

        var sends = new List<CampaignSendGroup>();
        var starts = new List<CampaignStart>();
        if (filter.IncludesCampaigns)
        {
            await using (var command = SlotCommand(connection, $"""
                SELECT c.id, c.name, c.state, c.steps::text, e.step, count(*), min(e.next_due_at), max(e.next_due_at),
                       app_team_sending_stopped(c.team_id) AS stopped
                FROM campaign_enrollments e
                JOIN campaigns c ON c.id = e.campaign_id AND c.state IN ('Running', 'Paused', 'Scheduled')
                WHERE e.state IN ('Pending', 'Active')
                  AND {Within("e.next_due_at")}
                  AND (@campaign::uuid IS NULL OR c.id = @campaign)
                GROUP BY c.id, c.name, c.state, c.steps::text, e.step
                ORDER BY min(e.next_due_at), c.name, e.step
                """, teamClock.Zone, start, end, filter))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var steps = JsonSerializer.Deserialize<List<CampaignStep>>(reader.GetString(3), StepJson) ?? [];
                    var step = reader.GetInt32(4);
                    sends.Add(new CampaignSendGroup(reader.GetGuid(0), reader.GetString(1), Enum.Parse<CampaignState>(reader.GetString(2)),
                        step, steps.Count, step < steps.Count ? Shorten(steps[step].Template) : null, reader.GetInt64(5),
                        reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(8)));
                }
            }
            await using (var command = SlotCommand(connection, $"""
                SELECT c.id, c.name, c.start_at FROM campaigns c
                WHERE c.state = 'Scheduled' AND {Within("c.start_at")}
                  AND (@campaign::uuid IS NULL OR c.id = @campaign)
                ORDER BY c.start_at, c.name
                """, teamClock.Zone, start, end, filter))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    starts.Add(new CampaignStart(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
                }
            }
        }

        var executions = new List<ScheduledExecution>();
        long executionCount = 0;
        if (filter.IncludesFollowUps)
        {
            await using (var command = SlotCommand(connection, $"""
                SELECT count(*) FROM follow_up_executions x
                WHERE x.status = 'Pending' AND {Within("x.due_at")}
                  AND (@rule::uuid IS NULL OR x.rule_id = @rule)
                """, teamClock.Zone, start, end, filter))
            {
                executionCount = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }
            await using (var command = SlotCommand(connection, $"""
                SELECT x.id, x.rule_id, r.name, r.is_enabled, r.definition::text, x.conversation_id, x.prospect_id,
                       coalesce(nullif(p.full_name, ''), nullif(trim(concat_ws(' ', p.first_name, p.last_name)), ''), p.company, p.phone, 'Unknown'),
                       p.phone, x.due_at, x.triggered_at
                FROM follow_up_executions x
                JOIN follow_up_rules r ON r.id = x.rule_id
                JOIN prospects p ON p.id = x.prospect_id
                WHERE x.status = 'Pending' AND {Within("x.due_at")}
                  AND (@rule::uuid IS NULL OR x.rule_id = @rule)
                ORDER BY x.due_at, x.id
                LIMIT @take
                """, teamClock.Zone, start, end, filter))
            {
                command.Parameters.AddWithValue("take", MaxListedExecutions);
                var described = new Dictionary<Guid, (string Trigger, IReadOnlyList<string> Actions)>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var ruleId = reader.GetGuid(1);
                    if (!described.TryGetValue(ruleId, out var what))
                    {
                        what = described[ruleId] = Describe(reader.GetString(4));
                    }
                    executions.Add(new ScheduledExecution(reader.GetInt64(0), ruleId, reader.GetString(2), reader.GetBoolean(3), what.Trigger, what.Actions,
                        reader.GetGuid(5), reader.GetGuid(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                        reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10)));
                }
            }
        }
        return new CalendarSlot(teamClock, start, hours, sends, starts, executions, executionCount);
    }

    /// <summary>The campaigns that can have something scheduled, for the campaign filter. (Rules come from <c>FollowUpRules.ListAsync</c>.)</summary>
    [ReadOnly]
    public async Task<IReadOnlyList<CalendarCampaign>> CampaignsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT c.id, c.name, c.state FROM campaigns c
            WHERE c.state IN ('Running', 'Paused', 'Scheduled')
            ORDER BY c.name
            """, connection);
        var campaigns = new List<CalendarCampaign>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            campaigns.Add(new CalendarCampaign(reader.GetGuid(0), reader.GetString(1), Enum.Parse<CampaignState>(reader.GetString(2))));
        }
        return campaigns;
    }

    private async Task<TeamClock> ClockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT time_zone FROM teams WHERE id = app_current_team()", connection);
        var zone = await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new InvalidOperationException("No team is selected for this operation.");
        return TeamClock.For(zone, clock.GetUtcNow());
    }

    private async Task<OverdueCounts> OverdueAsync(NpgsqlConnection connection, CalendarFilter filter, CancellationToken cancellationToken)
    {
        // Due before now and still waiting: the engine or the executor takes them as soon as the guardrails allow.
        await using var command = new NpgsqlCommand("""
            SELECT
              CASE WHEN @campaigns THEN (
                SELECT count(*) FROM campaign_enrollments e
                JOIN campaigns c ON c.id = e.campaign_id AND c.state IN ('Running', 'Paused', 'Scheduled')
                WHERE e.state IN ('Pending', 'Active') AND e.next_due_at < @now AND (@campaign::uuid IS NULL OR c.id = @campaign)) ELSE 0 END,
              CASE WHEN @followups THEN (
                SELECT count(*) FROM follow_up_executions x
                WHERE x.status = 'Pending' AND x.due_at < @now AND (@rule::uuid IS NULL OR x.rule_id = @rule)) ELSE 0 END
            """, connection);
        command.Parameters.AddWithValue("campaigns", filter.IncludesCampaigns);
        command.Parameters.AddWithValue("followups", filter.IncludesFollowUps);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        AddFilter(command, filter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new OverdueCounts(reader.GetInt64(0), reader.GetInt64(1));
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string zone, DateOnly from, int days, CalendarFilter filter) =>
        SlotCommand(connection, sql, zone, from.ToDateTime(TimeOnly.MinValue), from.AddDays(days).ToDateTime(TimeOnly.MinValue), filter);

    private static NpgsqlCommand SlotCommand(NpgsqlConnection connection, string sql, string zone, DateTime start, DateTime end, CalendarFilter filter)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("zone", zone);
        // Local wall-clock times (timestamp without time zone): "AT TIME ZONE zone" turns them into instants.
        command.Parameters.Add(new NpgsqlParameter("start", NpgsqlTypes.NpgsqlDbType.Timestamp) { Value = DateTime.SpecifyKind(start, DateTimeKind.Unspecified) });
        command.Parameters.Add(new NpgsqlParameter("end", NpgsqlTypes.NpgsqlDbType.Timestamp) { Value = DateTime.SpecifyKind(end, DateTimeKind.Unspecified) });
        AddFilter(command, filter);
        return command;
    }

    private static void AddFilter(NpgsqlCommand command, CalendarFilter filter)
    {
        command.Parameters.Add(new NpgsqlParameter("campaign", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)filter.CampaignId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("rule", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)filter.RuleId ?? DBNull.Value });
    }

    // Instants whose wall-clock time in the team's zone is in [@start, @end). The UTC range, widened by more than any
    // daylight-saving jump, lets the due-time indexes narrow the rows; the wall-clock test decides, so the hour that
    // happens twice when clocks go back holds both, exactly as the grid's buckets count them.
    private static string Within(string column) => $"{Around(column)} AND {Local(column)}";

    private static string Around(string column) =>
        $"{column} >= (@start AT TIME ZONE @zone) - interval '3 hours' AND {column} < (@end AT TIME ZONE @zone) + interval '3 hours'";

    private static string Local(string column) => $"({column} AT TIME ZONE @zone) >= @start AND ({column} AT TIME ZONE @zone) < @end";

    // The grid counts rows per UTC quarter hour first (cheap per row), and converts only those few hundred buckets to
    // the team's wall clock. Every zone's offset is a whole number of quarter hours, so a UTC quarter hour lies in
    // exactly one local hour, and local midnights (the range's ends) fall on quarter-hour boundaries.
    private static string QuarterHour(string column) => $"date_bin('15 minutes', {column}, timestamptz '2000-01-01 00:00:00+00')";

    private static (string Trigger, IReadOnlyList<string> Actions) Describe(string definition)
    {
        try
        {
            var rule = RuleDefinition.FromJson(definition);
            return (rule.DescribeTrigger(), rule.Actions.Select(a => a.Describe()).ToList());
        }
        catch (JsonException)
        {
            return ("(unreadable rule)", []);
        }
    }

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 60 ? flat : flat[..59] + "…";
    }
}
