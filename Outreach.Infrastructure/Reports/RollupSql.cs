namespace Outreach.Infrastructure.Reports;

/// <summary>
/// The report in one set-based statement. Every countable event becomes a row of <c>facts</c> carrying the
/// keys it can be broken down by; one GROUPING SETS pass then sums the totals, the days and every breakdown
/// of both periods. A new breakdown (campaign, step) is one more key column in the three fact queries and one
/// more grouping set: see <see cref="DimensionColumns"/>.
/// </summary>
internal static class RollupSql
{
    /// <summary>The key column of each breakdown, in the order of <see cref="Domain.Reports.ReportDimension"/>.</summary>
    public static readonly string[] DimensionColumns = ["number_key", "state_key", "sector_key", "tier_key", "agent_key"];

    // Columns every fact query returns, in this order.
    //   at, conversation_id, agent_id, agent_name, sent, delivered, failed, cost, reply, positive, opt_out, captured, hot,
    //   response_seconds, awaiting
    public const string Query = """
        WITH outbound AS (
            -- Sent: what reached a provider or was refused by it, at the moment it left (or failed).
            SELECT coalesce(m.sent_at, m.failed_at, m.created_at) AS at, m.conversation_id,
                   m.sent_by_user_id AS agent_id, m.sent_by_name AS agent_name,
                   1 AS sent, (m.status = 'Delivered')::int AS delivered, (m.status = ANY(@failed_statuses))::int AS failed,
                   coalesce(m.cost, 0) AS cost,
                   0 AS reply, 0 AS positive, 0 AS opt_out, 0 AS captured, 0 AS hot,
                   NULL::double precision AS response_seconds, 0 AS awaiting
            FROM messages m
            WHERE m.team_id = app_current_team() AND m.direction = 'Outbound' AND m.status = ANY(@sent_statuses)
              AND coalesce(m.sent_at, m.failed_at, m.created_at) >= @previous_start
              AND coalesce(m.sent_at, m.failed_at, m.created_at) < @end
        ),
        -- Every message of each thread that received a reply in either period, in order, with window functions
        -- instead of correlated look-ups (a long thread costs one pass, not one pass per reply):
        --   out_seq: how many outbound messages so far; a reply belongs to the last of them.
        --   human_seq: how many messages written by a person so far; replies between two of them form a waiting streak.
        replied AS (
            SELECT DISTINCT m.conversation_id FROM messages m
            WHERE m.team_id = app_current_team() AND m.direction = 'Inbound'
              AND m.created_at >= @previous_start AND m.created_at < @end
        ),
        thread AS (
            SELECT m.id, m.conversation_id, m.direction, m.source, m.classification, m.extracted_email, m.created_at,
                   m.sent_by_user_id, m.sent_by_name,
                   count(*) FILTER (WHERE m.direction = 'Outbound')
                       OVER (PARTITION BY m.conversation_id ORDER BY m.created_at, m.id) AS out_seq,
                   count(*) FILTER (WHERE m.direction = 'Outbound' AND m.source = @human_source)
                       OVER (PARTITION BY m.conversation_id ORDER BY m.created_at, m.id) AS human_seq
            FROM messages m
            JOIN replied r ON r.conversation_id = m.conversation_id
        ),
        senders AS (
            SELECT conversation_id, out_seq, sent_by_user_id, sent_by_name FROM thread WHERE direction = 'Outbound'
        ),
        humans AS (
            SELECT conversation_id, human_seq, created_at, sent_by_user_id, sent_by_name FROM thread
            WHERE direction = 'Outbound' AND source = @human_source
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
        replies AS (
            SELECT t.*,
                   t.classification IS DISTINCT FROM 'OptOut'
                       AND row_number() OVER (PARTITION BY t.conversation_id, t.human_seq, t.classification IS DISTINCT FROM 'OptOut'
                                              ORDER BY t.created_at, t.id) = 1 AS starts_wait
            FROM thread t
            WHERE t.direction = 'Inbound'
        ),
        inbound AS (
            -- A reply counts for whoever (or whatever) sent the last message before it in the thread.
            SELECT m.created_at AS at, m.conversation_id,
                   s.sent_by_user_id AS agent_id, s.sent_by_name AS agent_name,
                   0 AS sent, 0 AS delivered, 0 AS failed, 0::numeric AS cost,
                   1 AS reply,
                   (m.classification = ANY(@positive_kinds))::int AS positive,
                   (m.classification = 'OptOut')::int AS opt_out,
                   (m.extracted_email IS NOT NULL)::int AS captured,
                   (m.id IN (SELECT id FROM first_hot))::int AS hot,
                   NULL::double precision AS response_seconds, 0 AS awaiting
            FROM replies m
            LEFT JOIN senders s ON s.conversation_id = m.conversation_id AND s.out_seq = m.out_seq
            WHERE m.created_at >= @previous_start AND m.created_at < @end
        ),
        waits AS (
            -- A waiting streak starts with the first reply (not an opt-out) after a person last wrote; it ends with
            -- the next message a person wrote, who is then the agent it counts for.
            SELECT m.created_at AS at, m.conversation_id,
                   h.sent_by_user_id AS agent_id, h.sent_by_name AS agent_name,
                   0 AS sent, 0 AS delivered, 0 AS failed, 0::numeric AS cost,
                   0 AS reply, 0 AS positive, 0 AS opt_out, 0 AS captured, 0 AS hot,
                   extract(epoch FROM h.created_at - m.created_at)::double precision AS response_seconds,
                   (h.created_at IS NULL)::int AS awaiting
            FROM replies m
            LEFT JOIN humans h ON h.conversation_id = m.conversation_id AND h.human_seq = m.human_seq + 1
            WHERE m.starts_wait AND m.created_at >= @previous_start AND m.created_at < @end
        ),
        facts AS (
            SELECT * FROM outbound UNION ALL SELECT * FROM inbound UNION ALL SELECT * FROM waits
        ),
        keyed AS (
            SELECT CASE WHEN f.at >= @start THEN 1 ELSE 0 END AS is_current,
                   (f.at AT TIME ZONE @time_zone)::date AS day,
                   sn.number AS number_key, sn.label AS number_label,
                   p.state AS state_key, p.sector AS sector_key, p.revenue_tier AS tier_key,
                   f.agent_id::text AS agent_key, f.agent_name,
                   f.sent, f.delivered, f.failed, f.cost, f.reply, f.positive, f.opt_out, f.captured, f.hot, f.response_seconds, f.awaiting
            FROM facts f
            JOIN conversations c ON c.id = f.conversation_id
            JOIN prospects p ON p.id = c.prospect_id
            LEFT JOIN sending_numbers sn ON sn.id = c.sending_number_id
        )
        SELECT is_current,
               GROUPING(day, number_key, state_key, sector_key, tier_key, agent_key) AS grouping,
               day, number_key, state_key, sector_key, tier_key, agent_key,
               max(number_label) AS number_label, max(agent_name) AS agent_name,
               sum(sent)::bigint, sum(delivered)::bigint, sum(failed)::bigint, sum(cost)::numeric,
               sum(reply)::bigint, sum(positive)::bigint, sum(opt_out)::bigint, sum(captured)::bigint, sum(hot)::bigint,
               count(response_seconds)::bigint, sum(awaiting)::bigint,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY response_seconds)
        FROM keyed
        GROUP BY GROUPING SETS (
            (is_current), (is_current, day),
            (is_current, number_key), (is_current, state_key), (is_current, sector_key), (is_current, tier_key), (is_current, agent_key))
        """;

    public const string Enrichment = """
        SELECT CASE WHEN looked_up_at >= @start THEN 1 ELSE 0 END AS is_current,
               (looked_up_at AT TIME ZONE @time_zone)::date AS day, sum(cost)
        FROM enrichment_lookups
        WHERE team_id = app_current_team() AND looked_up_at >= @previous_start AND looked_up_at < @end
        GROUP BY 1, 2
        """;
}
