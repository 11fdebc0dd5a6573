namespace Outreach.Infrastructure.Guardrails;

/// <summary>The guardrail service's statements; they run on the team's connection, under row-level security.</summary>
internal static class GuardrailSql
{
    /// <summary>
    /// A refused or deferred send. A kill switch's refusal joins the entry of its stop episode (the switch's
    /// scope and the moment it was engaged) and counts there; anything else is a row of its own.
    /// </summary>
    public const string Record = """
        INSERT INTO guardrail_events AS g (team_id, prospect_id, recipient, outcome, reason, explanation, source, occurred_at,
                                           last_occurred_at, held, campaign_id, stop_started_at)
        SELECT app_current_team(), @prospect, @recipient, @outcome, @reason, @explanation, @source, @at, @at, 1, @campaign,
               CASE @reason
                   WHEN 'GlobalKillSwitch' THEN app_global_sending_paused_since()
                   WHEN 'TeamKillSwitch' THEN (SELECT s.paused_at FROM messaging_settings s WHERE s.team_id = app_current_team())
                   WHEN 'ChannelKillSwitch' THEN (SELECT k.engaged_at FROM channel_kill_switches k WHERE k.team_id = app_current_team() AND k.channel = 'Sms')
                   WHEN 'CampaignKillSwitch' THEN (SELECT c.kill_switch_at FROM campaigns c WHERE c.id = @campaign)
               END
        ON CONFLICT (team_id, reason, campaign_id, stop_started_at) WHERE stop_started_at IS NOT NULL
        DO UPDATE SET held = g.held + 1, last_occurred_at = excluded.last_occurred_at
        """;

    /// <summary>
    /// Everything the policy needs in one round trip. Counters use the database clock, as the queue does when
    /// it stamps messages. Frequency counts only automated sends (campaigns and follow-ups) that can still
    /// reach the prospect; a human's reply is never capped.
    /// </summary>
    public const string Facts = """
        SELECT app_global_sending_paused(),
               s.sending_paused, s.quiet_hours_start, s.quiet_hours_end,
               EXISTS (SELECT 1 FROM channel_kill_switches k WHERE k.team_id = app_current_team() AND k.channel = 'Sms'),
               EXISTS (SELECT 1 FROM suppressions x WHERE x.team_id = app_current_team() AND x.channel = 'Sms' AND x.value = @to),
               @body::text IS NOT NULL AND EXISTS (
                   SELECT 1 FROM messages d
                   WHERE d.team_id = app_current_team() AND d.direction = 'Outbound' AND d."to" = @to
                     AND d.created_at > now() - interval '24 hours' AND d.body = @body AND d.status NOT IN ('Failed', 'Canceled')),
               coalesce(f.day_count, 0)::int, f.day_oldest, coalesce(f.week_count, 0)::int, f.week_oldest,
               l.monthly_budget, l.max_per_prospect_per_day, l.max_per_prospect_per_week,
               coalesce((SELECT t.reserved + t.spent FROM team_spend t WHERE t.team_id = app_current_team() AND t.month = @month), 0),
               c.state, c.kill_switch_engaged, c.window_start, c.window_end, c.days, c.max_follow_ups, c.stop_on_reply,
               c.require_approval AND e.approved_at IS NULL,
               c.daily_cap, c.throttle_per_minute, c.budget, c.reserved_spend + c.spent,
               coalesce(e.state = 'Replied' OR EXISTS (
                   SELECT 1 FROM conversations v WHERE v.prospect_id = e.prospect_id AND v.last_inbound_at > e.enrolled_at), false),
               coalesce(cm.today, 0)::int, coalesce(cm.next_day, nd.start + interval '1 day'), coalesce(cm.minute_count, 0)::int, cm.minute_oldest,
               -- Follow-up rule messages since the prospect last wrote (on any of the team's numbers).
               CASE WHEN @follow_up THEN (
                   SELECT count(*) FROM messages u
                   WHERE u.team_id = app_current_team() AND u.direction = 'Outbound' AND u."to" = @to AND u.source = 'FollowUp'
                     AND u.status NOT IN ('Failed', 'Canceled')
                     AND u.created_at > coalesce((SELECT max(v.last_inbound_at) FROM conversations v
                                                  WHERE v.team_id = app_current_team() AND v.prospect_phone = @to), '-infinity'))
               ELSE 0 END::int,
               coalesce(l.max_follow_ups_without_reply, 2)
        FROM (SELECT 1) one
        LEFT JOIN messaging_settings s ON s.team_id = app_current_team()
        LEFT JOIN team_sending_limits l ON l.team_id = app_current_team()
        LEFT JOIN LATERAL (
            SELECT count(*) FILTER (WHERE m.created_at > now() - interval '1 day') AS day_count,
                   min(m.created_at) FILTER (WHERE m.created_at > now() - interval '1 day') AS day_oldest,
                   count(*) AS week_count, min(m.created_at) AS week_oldest
            FROM messages m
            WHERE @automated AND m.team_id = app_current_team() AND m.direction = 'Outbound' AND m."to" = @to
              AND m.created_at > now() - interval '7 days' AND m.source IN ('Campaign', 'FollowUp')
              AND m.status NOT IN ('Failed', 'Canceled')
        ) f ON true
        LEFT JOIN campaigns c ON c.id = @campaign
        LEFT JOIN campaign_enrollments e ON e.id = @enrollment AND e.campaign_id = c.id
        LEFT JOIN teams tm ON tm.id = c.team_id
        LEFT JOIN LATERAL (
            SELECT date_trunc('day', now() AT TIME ZONE tm.time_zone) AT TIME ZONE tm.time_zone AS start
        ) nd ON c.id IS NOT NULL
        LEFT JOIN LATERAL (
            SELECT count(*) FILTER (WHERE m.created_at >= day.start) AS today,
                   day.start + interval '1 day' AS next_day,
                   count(*) FILTER (WHERE m.created_at > now() - interval '1 minute') AS minute_count,
                   min(m.created_at) FILTER (WHERE m.created_at > now() - interval '1 minute') AS minute_oldest
            FROM (SELECT (date_trunc('day', now() AT TIME ZONE tm.time_zone) AT TIME ZONE tm.time_zone) AS start) day
            LEFT JOIN messages m ON m.campaign_id = c.id AND m.created_at >= least(day.start, now() - interval '1 minute')
            WHERE @count_campaign
            GROUP BY day.start
        ) cm ON c.id IS NOT NULL
        """;

    /// <summary>Reserves against the team's month only when the budget (if any) holds; no row back means refused.</summary>
    public const string EnsureTeamMonth = """
        INSERT INTO team_spend (team_id, month, reserved, spent) VALUES (app_current_team(), @month, 0, 0)
        ON CONFLICT (team_id, month) DO NOTHING
        """;

    public const string ReserveTeam = """
        UPDATE team_spend t SET reserved = t.reserved + @cost
        WHERE t.team_id = app_current_team() AND t.month = @month
          AND ((SELECT l.monthly_budget FROM team_sending_limits l WHERE l.team_id = app_current_team()) IS NULL
               OR t.reserved + t.spent + @cost <= (SELECT l.monthly_budget FROM team_sending_limits l WHERE l.team_id = app_current_team()))
        RETURNING t.reserved
        """;

    public const string ReserveCampaign = """
        UPDATE campaigns c SET reserved_spend = c.reserved_spend + @cost
        WHERE c.id = @campaign AND (c.budget IS NULL OR c.reserved_spend + c.spent + @cost <= c.budget)
        RETURNING c.reserved_spend
        """;
}
