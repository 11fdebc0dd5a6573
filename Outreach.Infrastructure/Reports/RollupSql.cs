namespace Outreach.Infrastructure.Reports;

/// <summary>
/// The report in one set-based statement. Every countable event becomes a row of <c>facts</c> carrying the
/// keys it can be broken down by; one GROUPING SETS pass then sums the totals, the days and every breakdown
/// of both periods. A new breakdown is one more key column in the three fact queries and one more grouping
/// set: see <see cref="DimensionColumns"/>.
/// </summary>
internal static class RollupSql
{
    /// <summary>The key column of each breakdown, in the order of <see cref="Domain.Reports.ReportDimension"/>.</summary>
    public static readonly string[] DimensionColumns = ["number_key", "state_key", "sector_key", "tier_key", "agent_key", "campaign_key", "step_key"];

    // Columns every fact query returns, in this order.
    //   at, conversation_id, agent_id, agent_name, campaign_id, campaign_step, sent, delivered, failed, cost, reply, positive,
    //   opt_out, captured, hot, response_seconds, awaiting
    public const string Query = """
        WITH outbound AS (
            -- Sent: what reached a provider or was refused by it, at the moment it left (or failed).
            SELECT coalesce(m.sent_at, m.failed_at, m.created_at) AS at, m.conversation_id,
                   m.sent_by_user_id AS agent_id, m.sent_by_name AS agent_name, m.campaign_id, m.campaign_step,
                   1 AS sent, (m.status = 'Delivered')::int AS delivered, (m.status = ANY(@failed_statuses))::int AS failed,
                   coalesce(m.cost, 0) AS cost,
                   0 AS reply, 0 AS positive, 0 AS opt_out, 0 AS captured, 0 AS hot,
                   NULL::double precision AS response_seconds, 0 AS awaiting
            FROM messages m
            WHERE m.team_id = app_current_team() AND m.direction = 'Outbound' AND m.status = ANY(@sent_statuses)
              AND coalesce(m.sent_at, m.failed_at, m.created_at) >= @previous_start
              AND coalesce(m.sent_at, m.failed_at, m.created_at) < @end
        ),
        -- Every message of each thread that received a reply in either period, in order, read with window functions
        -- only (no joins on derived keys, whose sizes the planner cannot estimate; a long thread is one pass). A reply
        -- belongs to the sender, campaign and step of the message it answers (answers_message_id, stamped at ingest).
        --   human_seq: messages a person wrote so far; replies between two of them form one waiting streak.
        --   human_left: messages a person wrote from here to the end; the nearest one after a reply shares its value.
        replied AS (
            SELECT DISTINCT m.conversation_id FROM messages m
            WHERE m.team_id = app_current_team() AND m.direction = 'Inbound'
              AND m.created_at >= @previous_start AND m.created_at < @end
        ),
        thread AS (
            SELECT m.id, m.conversation_id, m.direction, m.classification, m.extracted_email, m.created_at,
                   m.sent_by_user_id, m.sent_by_name, m.answers_message_id,
                   (m.direction = 'Outbound' AND m.source = @human_source) AS human,
                   count(*) FILTER (WHERE m.direction = 'Outbound' AND m.source = @human_source)
                       OVER (PARTITION BY m.conversation_id ORDER BY m.created_at, m.id) AS human_seq,
                   count(*) FILTER (WHERE m.direction = 'Outbound' AND m.source = @human_source)
                       OVER (PARTITION BY m.conversation_id ORDER BY m.created_at DESC, m.id DESC) AS human_left
            FROM messages m
            JOIN replied r ON r.conversation_id = m.conversation_id
        ),
        replies AS (
            SELECT t.id, t.conversation_id, t.classification, t.extracted_email, t.created_at,
                   a.sent_by_user_id AS agent_id, a.sent_by_name AS agent_name, a.campaign_id, a.campaign_step,
                   first_value(CASE WHEN t.human THEN t.created_at END) OVER by_answer AS answered_at,
                   first_value(CASE WHEN t.human THEN t.sent_by_user_id END) OVER by_answer AS answered_by,
                   first_value(CASE WHEN t.human THEN t.sent_by_name END) OVER by_answer AS answered_by_name,
                   t.direction = 'Inbound' AND t.classification IS DISTINCT FROM 'OptOut'
                       AND row_number() OVER (PARTITION BY t.conversation_id, t.human_seq, t.direction = 'Inbound' AND t.classification IS DISTINCT FROM 'OptOut'
                                              ORDER BY t.created_at, t.id) = 1 AS starts_wait,
                   t.direction
            FROM thread t
            LEFT JOIN messages a ON a.id = t.answers_message_id
            WINDOW by_answer AS (PARTITION BY t.conversation_id, t.human_left ORDER BY t.created_at DESC, t.id DESC)
        ),
        -- A hot lead is a prospect's first hot reply ever, on any of its threads.
        first_hot AS (
            SELECT DISTINCT ON (c.prospect_id) m.id
            FROM messages m
            JOIN conversations c ON c.id = m.conversation_id
            WHERE m.team_id = app_current_team() AND m.direction = 'Inbound' AND m.classification = ANY(@hot_kinds)
              AND c.prospect_id IN (SELECT c2.prospect_id FROM conversations c2 JOIN replied r ON r.conversation_id = c2.id)
            ORDER BY c.prospect_id, m.created_at, m.id
        ),
        inbound AS (
            SELECT m.created_at AS at, m.conversation_id, m.agent_id, m.agent_name, m.campaign_id, m.campaign_step,
                   0 AS sent, 0 AS delivered, 0 AS failed, 0::numeric AS cost,
                   1 AS reply,
                   (m.classification = ANY(@positive_kinds))::int AS positive,
                   (m.classification = 'OptOut')::int AS opt_out,
                   (m.extracted_email IS NOT NULL)::int AS captured,
                   (m.id IN (SELECT id FROM first_hot))::int AS hot,
                   NULL::double precision AS response_seconds, 0 AS awaiting
            FROM replies m
            WHERE m.direction = 'Inbound' AND m.created_at >= @previous_start AND m.created_at < @end
        ),
        waits AS (
            -- A waiting streak counts for the person who ended it, and for the campaign step its first reply answered.
            SELECT m.created_at AS at, m.conversation_id, m.answered_by AS agent_id, m.answered_by_name AS agent_name,
                   m.campaign_id, m.campaign_step,
                   0 AS sent, 0 AS delivered, 0 AS failed, 0::numeric AS cost,
                   0 AS reply, 0 AS positive, 0 AS opt_out, 0 AS captured, 0 AS hot,
                   extract(epoch FROM m.answered_at - m.created_at)::double precision AS response_seconds,
                   (m.answered_at IS NULL)::int AS awaiting
            FROM replies m
            WHERE m.starts_wait AND m.created_at >= @previous_start AND m.created_at < @end
        ),
        facts AS (
            SELECT * FROM outbound UNION ALL SELECT * FROM inbound UNION ALL SELECT * FROM waits
        ),
        -- The breakdown keys of each thread, looked up once per thread rather than once per event.
        conversation_keys AS MATERIALIZED (
            SELECT c.id, sn.number AS number_key, sn.label AS number_label,
                   p.state AS state_key, p.sector AS sector_key, p.revenue_tier AS tier_key
            FROM conversations c
            JOIN prospects p ON p.id = c.prospect_id
            LEFT JOIN sending_numbers sn ON sn.id = c.sending_number_id
            WHERE c.id IN (SELECT conversation_id FROM facts)
        ),
        keyed AS (
            SELECT CASE WHEN f.at >= @start THEN 1 ELSE 0 END AS is_current,
                   (f.at AT TIME ZONE @time_zone)::date AS day,
                   k.number_key, k.number_label, k.state_key, k.sector_key, k.tier_key,
                   f.agent_id::text AS agent_key, f.agent_name,
                   f.campaign_id::text AS campaign_key, cp.name AS campaign_name, cp.budget AS campaign_budget,
                   -- A step without its campaign (deleted: SET NULL) cannot be named, so it joins the messages of no campaign.
                   CASE WHEN f.campaign_id IS NOT NULL AND f.campaign_step IS NOT NULL
                        THEN f.campaign_id::text || ':' || f.campaign_step::text END AS step_key,
                   f.sent, f.delivered, f.failed, f.cost, f.reply, f.positive, f.opt_out, f.captured, f.hot, f.response_seconds, f.awaiting
            FROM facts f
            JOIN conversation_keys k ON k.id = f.conversation_id
            LEFT JOIN campaigns cp ON cp.id = f.campaign_id
        )
        -- Sums in one hashed pass over every grouping set; the percentiles (ordered-set aggregates, which need
        -- sorting) only over the few rows that have a response time. Both come back as rows of the same shape.
        SELECT is_current,
               GROUPING(day, number_key, state_key, sector_key, tier_key, agent_key, campaign_key, step_key) AS grouping,
               day, number_key, state_key, sector_key, tier_key, agent_key, campaign_key, step_key,
               max(number_label) AS number_label, max(agent_name) AS agent_name,
               max(campaign_name) AS campaign_name, max(campaign_budget) AS campaign_budget,
               sum(sent)::bigint, sum(delivered)::bigint, sum(failed)::bigint, sum(cost)::numeric,
               sum(reply)::bigint, sum(positive)::bigint, sum(opt_out)::bigint, sum(captured)::bigint, sum(hot)::bigint,
               count(response_seconds)::bigint, sum(awaiting)::bigint,
               NULL::double precision, NULL::double precision
        FROM keyed
        GROUP BY GROUPING SETS (
            (is_current), (is_current, day),
            (is_current, number_key), (is_current, state_key), (is_current, sector_key), (is_current, tier_key), (is_current, agent_key),
            (is_current, campaign_key), (is_current, step_key))
        UNION ALL
        SELECT is_current,
               GROUPING(day, number_key, state_key, sector_key, tier_key, agent_key, campaign_key, step_key),
               day, number_key, state_key, sector_key, tier_key, agent_key, campaign_key, step_key,
               max(number_label), max(agent_name), max(campaign_name), max(campaign_budget),
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY response_seconds)
        FROM keyed
        WHERE response_seconds IS NOT NULL
        GROUP BY GROUPING SETS (
            (is_current), (is_current, day),
            (is_current, number_key), (is_current, state_key), (is_current, sector_key), (is_current, tier_key), (is_current, agent_key),
            (is_current, campaign_key), (is_current, step_key))
        """;

    /// <summary>The team's monthly budget (null when none is set); the roll-up pro-rates it to each period.</summary>
    public const string MonthlyBudget = """
        SELECT monthly_budget FROM team_sending_limits WHERE team_id = app_current_team()
        """;

    public const string Enrichment = """
        SELECT CASE WHEN looked_up_at >= @start THEN 1 ELSE 0 END AS is_current,
               (looked_up_at AT TIME ZONE @time_zone)::date AS day, sum(cost)
        FROM enrichment_lookups
        WHERE team_id = app_current_team() AND looked_up_at >= @previous_start AND looked_up_at < @end
        GROUP BY 1, 2
        """;
}
