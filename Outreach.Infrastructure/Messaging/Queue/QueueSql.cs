namespace Outreach.Infrastructure.Messaging.Queue;

/// <summary>The queue's statements. They run on the owner's connection: the dispatcher works for every team.</summary>
internal static class QueueSql
{
    /// <summary>
    /// Due messages, oldest first, at most the team's concurrency cap minus what the team already has in
    /// flight (on every node), never for a paused team, never during a global stop, never to a suppressed
    /// number. SKIP LOCKED lets every node run this at once without two claiming the same row.
    /// </summary>
    public const string Claim = """
        WITH due AS (
            SELECT m.id, m.team_id, m.next_attempt_at
            FROM messages m
            WHERE m.status = 'Queued' AND m.next_attempt_at <= now()
              AND NOT EXISTS (SELECT 1 FROM installation_settings g WHERE g.key = 'sending.global_paused' AND g.value = 'true')
              AND NOT EXISTS (SELECT 1 FROM messaging_settings s WHERE s.team_id = m.team_id AND s.sending_paused)
              AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.team_id = m.team_id AND x.channel = 'Sms' AND x.value = m."to")
              AND NOT EXISTS (SELECT 1 FROM channel_kill_switches k WHERE k.team_id = m.team_id AND k.channel = 'Sms')
              AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = m.campaign_id AND (c.kill_switch_engaged OR c.state <> 'Running'))
            ORDER BY m.next_attempt_at
            LIMIT @batch
            FOR UPDATE OF m SKIP LOCKED
        ),
        ranked AS (
            SELECT d.id, d.team_id,
                   row_number() OVER (PARTITION BY d.team_id ORDER BY d.next_attempt_at) AS rank,
                   coalesce(s.max_concurrent_sends, 10) AS cap,
                   (SELECT count(*) FROM messages f WHERE f.team_id = d.team_id AND f.status = 'Sending' AND f.lease_until > now()) AS in_flight
            FROM due d LEFT JOIN messaging_settings s ON s.team_id = d.team_id
        )
        UPDATE messages m
        SET status = 'Sending', attempts = m.attempts + 1, lease_until = now() + @lease, claimed_by = @node,
            status_updated_at = now()
        FROM ranked r
        WHERE m.id = r.id AND r.rank <= r.cap - r.in_flight
        RETURNING m.id, m.team_id, m."from", m."to", m.body, m.provider, m.idempotency_key, m.attempts
        """;

    /// <summary>
    /// One statement for a whole batch of answers. A status callback may already have moved a message
    /// further (delivered before we recorded "sent"); the CASE keeps the furthest state.
    /// </summary>
    public const string Record = """
        UPDATE messages m
        SET status = CASE WHEN m.status IN ('Delivered', 'Undelivered', 'Failed') THEN m.status ELSE r.status END,
            provider_message_id = coalesce(m.provider_message_id, r.provider_id),
            error_code = r.error_code,
            error_message = r.error_message,
            segments = coalesce(r.segments, m.segments),
            cost = coalesce(r.cost, m.cost),
            next_attempt_at = coalesce(r.next_attempt, m.next_attempt_at),
            lease_until = CASE WHEN r.status = 'Sending' THEN now() ELSE NULL END,
            sent_at = CASE WHEN r.status = 'Sent' THEN coalesce(m.sent_at, now()) ELSE m.sent_at END,
            failed_at = CASE WHEN r.status = 'Failed' THEN now() ELSE m.failed_at END,
            status_updated_at = now()
        FROM unnest(@ids, @statuses, @provider_ids, @error_codes, @error_messages, @segments, @costs, @next_attempts)
            AS r(id, status, provider_id, error_code, error_message, segments, cost, next_attempt)
        WHERE m.id = r.id AND m.claimed_by = @node
        """;

    /// <summary>Takes over abandoned leases (their node is gone) one sweep at a time; returns when each was claimed.</summary>
    public const string ClaimAbandoned = """
        WITH abandoned AS (
            SELECT id, status_updated_at AS claimed_at FROM messages
            WHERE status = 'Sending' AND lease_until < now()
            ORDER BY lease_until
            LIMIT 500
            FOR UPDATE SKIP LOCKED
        )
        UPDATE messages m SET lease_until = now() + @lease, claimed_by = @node
        FROM abandoned a
        WHERE m.id = a.id
        RETURNING m.id, m.team_id, m."from", m."to", m.body, m.provider, m.idempotency_key, m.attempts, a.claimed_at
        """;

    /// <summary>
    /// The last gate before the provider. It runs in its own short transaction after taking the kill-switch
    /// lock in shared mode (see <see cref="KillSwitchGate"/>), so it either finished before a switch was
    /// engaged (its rows are "already handed over") or it starts after the switch committed and sees it.
    /// Rows it refuses go back to the queue untouched (the claim's attempt is given back).
    /// </summary>
    public const string HandOver = """
        WITH checked AS (
            SELECT m.id,
                   NOT EXISTS (SELECT 1 FROM installation_settings g WHERE g.key = 'sending.global_paused' AND g.value = 'true')
                   AND NOT EXISTS (SELECT 1 FROM messaging_settings s WHERE s.team_id = m.team_id AND s.sending_paused)
                   AND NOT EXISTS (SELECT 1 FROM channel_kill_switches k WHERE k.team_id = m.team_id AND k.channel = 'Sms')
                   AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = m.campaign_id AND (c.kill_switch_engaged OR c.state <> 'Running'))
                   AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.team_id = m.team_id AND x.channel = 'Sms' AND x.value = m."to") AS allowed
            FROM messages m
            WHERE m.id = ANY(@ids) AND m.status = 'Sending' AND m.claimed_by = @node
        )
        UPDATE messages m
        SET handed_at = CASE WHEN c.allowed THEN now() ELSE m.handed_at END,
            status = CASE WHEN c.allowed THEN m.status ELSE 'Queued' END,
            attempts = CASE WHEN c.allowed THEN m.attempts ELSE m.attempts - 1 END,
            lease_until = CASE WHEN c.allowed THEN m.lease_until ELSE NULL END,
            claimed_by = CASE WHEN c.allowed THEN m.claimed_by ELSE NULL END,
            status_updated_at = now()
        FROM checked c
        WHERE m.id = c.id
        RETURNING m.id, c.allowed
        """;

    public const string Requeue = """
        UPDATE messages SET status = 'Queued', next_attempt_at = now(), lease_until = NULL, claimed_by = NULL, status_updated_at = now()
        WHERE id = @id AND status = 'Sending' AND @provider_id::text IS NULL
        """;

    public const string MarkSentAfterRecovery = """
        UPDATE messages SET status = 'Sent', provider_message_id = coalesce(provider_message_id, @provider_id),
            sent_at = coalesce(sent_at, now()), lease_until = NULL, status_updated_at = now()
        WHERE id = @id AND status = 'Sending'
        """;
}
