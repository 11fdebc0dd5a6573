namespace Outreach.Infrastructure.Campaigns;

/// <summary>The engine's statements; they run as the owner (the pump works for every team).</summary>
internal static class CampaignEngineSql
{
    /// <summary>
    /// Due enrollments of running campaigns, oldest first, locked with SKIP LOCKED so that pumps on several
    /// nodes never take the same row, then limited per campaign to what its throttle allows this minute.
    /// The campaign's counters (messages in the last minute and today, in the team's time zone) are read
    /// once per batch; each claimed row carries them as they will be when its turn comes, for the guardrails.
    /// The claim hides each row for the lease: a pump that dies leaves it due again later, and the message's
    /// idempotency key (enrollment and step) makes the second attempt find the first one's message.
    /// </summary>
    public const string Claim = """
        WITH sending AS MATERIALIZED (
            -- A stopped team's enrollments stay due and untouched until it resumes (the guardrails would refuse
            -- each of them again every minute, which is noise, not safety: they still check every send). Decided
            -- once per campaign, not once per due row.
            SELECT c.id FROM campaigns c
            WHERE c.state = 'Running' AND NOT c.kill_switch_engaged AND NOT app_team_sending_stopped(c.team_id)
        ),
        due AS (
            SELECT e.id, e.campaign_id, e.next_due_at
            FROM campaign_enrollments e
            JOIN sending c ON c.id = e.campaign_id
            WHERE e.state IN ('Pending', 'Active') AND e.next_due_at <= now()
            ORDER BY e.next_due_at
            LIMIT @batch
            FOR UPDATE OF e SKIP LOCKED
        ),
        counters AS (
            SELECT c.id AS campaign_id, c.throttle_per_minute, c.daily_cap,
                   (SELECT count(*) FROM messages m WHERE m.campaign_id = c.id AND m.created_at > now() - interval '1 minute')::int AS last_minute,
                   (SELECT count(*) FROM messages m WHERE m.campaign_id = c.id
                      AND m.created_at >= (date_trunc('day', now() AT TIME ZONE t.time_zone) AT TIME ZONE t.time_zone))::int AS today
            FROM campaigns c JOIN teams t ON t.id = c.team_id
            WHERE c.id IN (SELECT DISTINCT campaign_id FROM due)
        ),
        ranked AS (
            SELECT d.id, row_number() OVER (PARTITION BY d.campaign_id ORDER BY d.next_due_at)::int AS rank,
                   k.last_minute, k.today,
                   least(k.throttle_per_minute - k.last_minute, k.daily_cap - k.today) AS room
            FROM due d JOIN counters k ON k.campaign_id = d.campaign_id
        )
        UPDATE campaign_enrollments e SET next_due_at = now() + @lease, updated_at = now()
        FROM ranked r, campaigns c, prospects p
        WHERE e.id = r.id AND r.rank <= r.room AND c.id = e.campaign_id AND p.id = e.prospect_id
        RETURNING e.id, e.team_id, e.campaign_id, e.prospect_id, e.step, e.variant, c.steps::text, c.number_pool, c.max_follow_ups,
                  p.first_name, p.last_name, p.full_name, p.company, p.title, p.city, p.state,
                  r.last_minute + r.rank - 1, r.today + r.rank - 1
        """;

    /// <summary>Every outcome of a batch in one statement.</summary>
    public const string Advance = """
        UPDATE campaign_enrollments e
        SET state = r.state, step = r.step, next_due_at = r.next_due, last_skip_reason = r.reason,
            last_message_id = coalesce(r.message_id, e.last_message_id), updated_at = now()
        FROM unnest(@ids, @states, @steps, @next_due, @reasons, @message_ids) AS r(id, state, step, next_due, reason, message_id)
        WHERE e.id = r.id
        """;

    public const string PauseForBudget = """
        UPDATE campaigns SET state = 'Paused', pause_reason = 'Budget reached', updated_at = now()
        WHERE id = ANY(@ids) AND state = 'Running'
        RETURNING id, team_id, name
        """;
}
