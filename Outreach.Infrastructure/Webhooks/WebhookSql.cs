namespace Outreach.Infrastructure.Webhooks;

/// <summary>The outbox's statements: the hot paths' conditional inserts, and the dispatcher's fan-out, claim and record.</summary>
internal static class WebhookSql
{
    // Only types some enabled subscription of the team wants get a row; everything else is skipped by an index probe.
    private const string Wanted = "EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.team_id = {0} AND s.is_enabled AND {1} = ANY(s.event_types))";

    public static readonly string ReplyReceived = $"""
        INSERT INTO webhook_events (id, team_id, type, data, dedupe_key, occurred_at)
        SELECT gen_random_uuid(), m.team_id, w.type,
               jsonb_build_object('messageId', m.id, 'conversationId', m.conversation_id, 'prospectId', c.prospect_id,
                   'from', m."from", 'to', m."to", 'body', m.body, 'classification', m.classification, 'confidence', m.confidence,
                   'priority', c.priority, 'bucket', c.bucket, 'extractedEmail', m.extracted_email, 'receivedAt', m.created_at),
               m.id::text, @now
        FROM messages m
        JOIN conversations c ON c.id = m.conversation_id
        CROSS JOIN unnest(ARRAY[@reply_type, @opt_out_type]::text[]) AS w(type)
        WHERE m.id = @message_id AND m.team_id = @team_id
          AND (w.type = @reply_type OR m.classification = 'OptOut')
          AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, Wanted, "@team_id", "w.type")}
        ON CONFLICT DO NOTHING
        """;

    public static readonly string DeliveryFailed = $"""
        INSERT INTO webhook_events (id, team_id, type, data, dedupe_key, occurred_at)
        SELECT gen_random_uuid(), m.team_id, @webhook_type,
               jsonb_build_object('messageId', m.id, 'conversationId', m.conversation_id, 'campaignId', m.campaign_id, 'to', m."to",
                   'status', m.status, 'errorCode', m.error_code, 'errorMessage', m.error_message, 'failedAt', m.failed_at),
               m.id::text, @webhook_now
        FROM messages m
        WHERE m.provider = @provider AND m.provider_message_id = @sid AND m.team_id = @webhook_team_id AND m.direction = 'Outbound'
          AND m.status IN ('Failed', 'Undelivered')
          AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, Wanted, "@webhook_team_id", "@webhook_type")}
        ON CONFLICT DO NOTHING
        """;

    public static readonly string TaskCreated = $"""
        INSERT INTO webhook_events (id, team_id, type, data, dedupe_key, occurred_at)
        SELECT gen_random_uuid(), t.team_id, @webhook_type,
               jsonb_build_object('taskId', t.id, 'title', t.title, 'priority', t.priority, 'dueAt', t.due_at, 'assigneeUserId', t.assignee_user_id,
                   'assigneeRole', t.assignee_role, 'conversationId', t.conversation_id, 'prospectId', t.prospect_id, 'by', t.created_by),
               t.id::text, @webhook_now
        FROM tasks t
        WHERE t.id = @task_id AND t.team_id = @webhook_team_id
          AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, Wanted, "@webhook_team_id", "@webhook_type")}
        ON CONFLICT DO NOTHING
        """;

    public static readonly string ImportFinished = $"""
        INSERT INTO webhook_events (id, team_id, type, data, dedupe_key, occurred_at)
        SELECT gen_random_uuid(), i.team_id, @webhook_type,
               jsonb_build_object('importId', i.id, 'status', i.status, 'fileName', i.file_name, 'rows', i.total_rows, 'inserted', i.inserted,
                   'updated', i.updated, 'duplicates', i.duplicates, 'invalid', i.invalid, 'suppressed', i.suppressed, 'error', i.error,
                   'finishedAt', i.finished_at),
               i.id::text, @webhook_now
        FROM prospect_imports i
        WHERE i.id = @id AND i.team_id = @webhook_team_id
          AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, Wanted, "@webhook_team_id", "@webhook_type")}
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// New events become one delivery per enabled subscription that wants them. Events are locked while they are
    /// fanned out, so two nodes never fan out the same one.
    /// </summary>
    public const string FanOut = """
        WITH batch AS (
            SELECT id, seq, team_id, type FROM webhook_events
            WHERE NOT fanned_out
            ORDER BY seq
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        ),
        marked AS (
            UPDATE webhook_events e SET fanned_out = true FROM batch WHERE e.id = batch.id
        )
        INSERT INTO webhook_deliveries (id, team_id, subscription_id, event_id, event_seq, state, attempts, next_attempt_at, first_due_at, created_at)
        SELECT gen_random_uuid(), b.team_id, s.id, b.id, b.seq, 'Pending', 0, @now, @now, @now
        FROM batch b
        JOIN webhook_subscriptions s ON s.team_id = b.team_id AND s.is_enabled AND b.type = ANY(s.event_types)
        ON CONFLICT (subscription_id, event_id) DO NOTHING
        """;

    /// <summary>
    /// Due deliveries of enabled subscriptions whose lease is free or ran out (its node died). For an ordered
    /// subscription only the oldest pending event qualifies, so one event at a time is in flight, oldest first. The
    /// claim counts the attempt and takes a lease; the request is built from what this returns.
    /// </summary>
    public const string Claim = """
        WITH due AS (
            SELECT d.id FROM webhook_deliveries d
            JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE d.state = 'Pending' AND d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until < @now)
              AND s.is_enabled
              AND (NOT s.ordered OR NOT EXISTS (
                  SELECT 1 FROM webhook_deliveries p
                  WHERE p.subscription_id = d.subscription_id AND p.state = 'Pending' AND p.event_seq < d.event_seq))
            ORDER BY d.next_attempt_at, d.event_seq
            LIMIT @batch
            FOR UPDATE OF d SKIP LOCKED
        )
        UPDATE webhook_deliveries d
        SET lease_until = @now + @lease, lease_owner = @node, attempts = d.attempts + 1
        FROM due, webhook_events e, webhook_subscriptions s
        WHERE d.id = due.id AND e.id = d.event_id AND s.id = d.subscription_id
        RETURNING d.id AS delivery_id, d.team_id, d.subscription_id, d.attempts, d.first_due_at,
                  e.id AS event_id, e.type, e.data::text AS data, e.occurred_at,
                  s.url, s.format, s.secret, s.previous_secret, s.previous_secret_expires_at
        """;

    public const string InsertAttempt = """
        INSERT INTO webhook_attempts (team_id, delivery_id, subscription_id, attempt, attempted_at, duration_ms, request, status_code,
                                      response_excerpt, error, succeeded, node)
        VALUES (@team_id, @delivery_id, @subscription_id, @attempt, @attempted_at, @duration_ms, @request, @status_code,
                @response_excerpt, @error, @succeeded, @node)
        """;

    /// <summary>Only while the claim is still this node's (same attempt): a node whose lease ran out records its attempt in the log and nothing else.</summary>
    public const string RecordOutcome = """
        UPDATE webhook_deliveries
        SET state = @state, next_attempt_at = coalesce(@next_attempt_at, next_attempt_at), lease_until = NULL, lease_owner = NULL,
            delivered_at = CASE WHEN @state = 'Delivered' THEN @now ELSE delivered_at END,
            last_status_code = @status_code, last_error = @error
        WHERE id = @delivery_id AND attempts = @attempt AND lease_owner = @node AND state = 'Pending'
        """;

    /// <summary>A success ends the subscription's failure streak; a failure starts one (if none) and returns when it started.</summary>
    public const string TrackHealth = """
        UPDATE webhook_subscriptions
        SET failing_since = CASE WHEN @succeeded THEN NULL ELSE coalesce(failing_since, @now) END
        WHERE id = @subscription_id
        RETURNING failing_since, is_enabled
        """;

    /// <summary>Send a delivery again, under the same webhook-id, with a fresh three days of retries.</summary>
    public const string Replay = """
        UPDATE webhook_deliveries
        SET state = 'Pending', next_attempt_at = @now, first_due_at = @now, lease_until = NULL, lease_owner = NULL
        WHERE subscription_id = @subscription_id AND (lease_until IS NULL OR lease_until < @now OR state <> 'Pending')
          AND (@delivery_id::uuid IS NULL OR id = @delivery_id)
          AND (@from::timestamptz IS NULL OR created_at >= @from) AND (@to::timestamptz IS NULL OR created_at < @to)
        """;

    /// <summary>
    /// Deliveries held for three days by a disabled subscription are given up (nothing else would end them), then
    /// history older than the retention goes, with the events nobody waits for any more.
    /// </summary>
    public const string Prune = """
        UPDATE webhook_deliveries SET state = 'Failed', lease_until = NULL, last_error = 'Not delivered within three days.'
        WHERE state = 'Pending' AND first_due_at < @give_up_before AND (lease_until IS NULL OR lease_until < @now);
        DELETE FROM webhook_events e
        WHERE e.occurred_at < @before AND e.fanned_out
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.state = 'Pending')
        """;
}
