using Outreach.Infrastructure.Inbox;

namespace Outreach.Infrastructure.Messaging.Inbound;

/// <summary>
/// An inbound message in one statement (one round trip under a webhook's latency budget). Every step after
/// the duplicate check depends on the message row actually being inserted, so a retried webhook is a no-op.
/// </summary>
internal static class InboundSql
{
    public const string Ingest = $$"""
        WITH duplicate AS (
            SELECT 1 FROM messages WHERE provider = @provider AND provider_message_id = @sid
        ),
        known_prospect AS (
            SELECT id FROM prospects WHERE team_id = app_current_team() AND phone = @from AND deleted_at IS NULL
        ),
        -- A sender we have never seen becomes a prospect with everything this message tells (a later UPDATE in
        -- the same statement could not see the new row, so the classification's effects go in here).
        new_prospect AS (
            INSERT INTO prospects (id, team_id, phone, email, time_zone, tags, custom_fields, status, engagement_score, do_not_contact,
                                   email_verified, is_owner_or_executive, created_at, updated_at)
            SELECT @prospect_id, app_current_team(), @from,
                   CASE WHEN NOT EXISTS (SELECT 1 FROM prospects o WHERE o.team_id = app_current_team() AND o.email = @email AND o.deleted_at IS NULL)
                        THEN @email END,
                   @time_zone, ARRAY['inbound'], '{}', coalesce(@status, 'Replied'),
                   CASE WHEN @reset THEN -(50 + CASE WHEN @email::text IS NOT NULL THEN 10 ELSE 0 END) ELSE @delta END,
                   @opt_out, @email::text IS NOT NULL, false, now(), now()
            WHERE NOT EXISTS (SELECT 1 FROM known_prospect) AND NOT EXISTS (SELECT 1 FROM duplicate)
            RETURNING id
        ),
        prospect AS (
            SELECT id FROM known_prospect UNION ALL SELECT id FROM new_prospect
        ),
        -- The bucket before this reply (a sub-select sees the table as it was when the statement began). A
        -- conversation only we wrote in was never triaged: its first reply files it, it does not move it.
        filed_before AS (
            SELECT c.id, CASE WHEN {{InboxQueries.InTriageSql}} THEN c.bucket END AS bucket, c.status
            FROM conversations c JOIN known_prospect k ON k.id = c.prospect_id
            WHERE c.team_id = app_current_team() AND c.sending_number_id = @number_id
        ),
        conversation AS (
            INSERT INTO conversations AS c (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority,
                last_classification, last_confidence, unread_count, last_message_preview, last_message_at, last_inbound_at, waiting_since, created_at)
            SELECT @conversation_id, app_current_team(), prospect.id, @number_id, @from, 'Open', @bucket, @priority,
                   @kind, @confidence, 1, @preview, @received_at, @received_at, @received_at, now()
            FROM prospect
            WHERE NOT EXISTS (SELECT 1 FROM duplicate)
            ON CONFLICT (team_id, prospect_id, sending_number_id) DO UPDATE
                SET status = 'Open', bucket = excluded.bucket, priority = excluded.priority,
                    last_classification = excluded.last_classification, last_confidence = excluded.last_confidence,
                    unread_count = c.unread_count + 1, last_message_preview = excluded.last_message_preview,
                    last_message_at = excluded.last_message_at,
                    -- A webhook delivered late never moves the last reply back (follow-ups compare against it).
                    last_inbound_at = greatest(c.last_inbound_at, excluded.last_inbound_at),
                    waiting_since = coalesce(c.waiting_since, excluded.waiting_since), snoozed_until = NULL
            RETURNING id, prospect_id
        ),
        message AS (
            INSERT INTO messages (id, team_id, conversation_id, direction, body, "from", "to", status, provider, provider_message_id,
                                  segments, attempts, classification, confidence, extracted_email, created_at, delivered_at, status_updated_at,
                                  answers_message_id)
            SELECT @message_id, app_current_team(), conversation.id, 'Inbound', @body, @from, @number, 'Delivered', @provider, @sid,
                   @segments, 0, @kind, @confidence, @email, @received_at, @received_at, now(),
                   -- What it answers credits its campaign, step and sender with the reply (and an opt-out).
                   app_answered_message((SELECT id FROM filed_before), @received_at)
            FROM conversation
            ON CONFLICT DO NOTHING
            RETURNING id, conversation_id
        ),
        filed AS (
            INSERT INTO conversation_events (id, team_id, conversation_id, kind, from_value, to_value, reason, actor_name, occurred_at)
            SELECT @event_id, app_current_team(), message.conversation_id, 'Classified', (SELECT bucket FROM filed_before), @bucket,
                   @filed_reason, 'Classifier', @received_at
            FROM message
            WHERE (SELECT bucket FROM filed_before) IS DISTINCT FROM @bucket
        ),
        -- A reply brings a done or snoozed conversation back to the open tabs; the history says so.
        reopened AS (
            INSERT INTO conversation_events (id, team_id, conversation_id, kind, from_value, to_value, reason, actor_name, occurred_at)
            SELECT gen_random_uuid(), app_current_team(), message.conversation_id, 'Reopened', (SELECT status FROM filed_before), 'Open',
                   'The prospect replied', 'Classifier', @received_at
            FROM message
            WHERE (SELECT status FROM filed_before) IN ('Done', 'Snoozed')
        ),
        timeline AS (
            INSERT INTO prospect_activities (team_id, prospect_id, kind, summary, occurred_at)
            SELECT app_current_team(), conversation.prospect_id, 'message.received', @summary, @received_at
            FROM message, conversation
        ),
        opted_out AS (
            INSERT INTO suppressions (team_id, channel, value, reason, source, evidence, created_at)
            SELECT app_current_team(), 'Sms', @from, 'OptOutKeyword', 'inbound reply to ' || @number, left(@body, 1000), now()
            FROM message
            WHERE @opt_out
            ON CONFLICT (team_id, channel, value) DO NOTHING
        ),
        cancelled AS (
            UPDATE messages q SET status = 'Canceled', error_code = 'opted-out', error_message = 'The recipient opted out before this was sent.',
                status_updated_at = now()
            FROM message
            WHERE @opt_out AND q.team_id = app_current_team() AND q."to" = @from AND q.status = 'Queued'
        ),
        opted_in AS (
            DELETE FROM suppressions s
            USING message
            WHERE @opt_in AND s.team_id = app_current_team() AND s.channel = 'Sms' AND s.value = @from AND s.reason = 'OptOutKeyword'
            RETURNING s.id
        ),
        scored AS (
            UPDATE prospects p
            SET engagement_score = CASE WHEN @reset THEN -(p.score - p.engagement_score) ELSE p.engagement_score + @delta END,
                status = coalesce(@status, p.status),
                email = CASE WHEN p.email IS NULL AND @email::text IS NOT NULL AND NOT EXISTS (
                              SELECT 1 FROM prospects o WHERE o.team_id = p.team_id AND o.email = @email AND o.deleted_at IS NULL)
                             THEN @email ELSE p.email END,
                email_verified = p.email_verified OR (@email::text IS NOT NULL AND (p.email IS NULL OR p.email = @email)),
                -- Re-subscribing clears the flag only when nothing else (a manual entry, the e-mail) still suppresses them.
                do_not_contact = CASE
                    WHEN @opt_out THEN true
                    WHEN @opt_in AND EXISTS (SELECT 1 FROM opted_in) THEN EXISTS (
                        SELECT 1 FROM suppressions s WHERE s.team_id = p.team_id AND s.id NOT IN (SELECT id FROM opted_in)
                          AND ((s.channel = 'Sms' AND s.value = p.phone) OR (s.channel = 'Email' AND s.value = p.email)))
                    ELSE p.do_not_contact END,
                updated_at = now()
            FROM message, conversation
            WHERE p.id = conversation.prospect_id
        )
        SELECT message.id, message.conversation_id, conversation.prospect_id FROM message, conversation
        """;

    /// <summary>Only forward: the allowed "from" states are those the domain lets advance to the new status.</summary>
    public const string UpdateStatus = """
        UPDATE messages
        SET status = @status,
            error_code = coalesce(@error_code, error_code),
            cost = coalesce(@cost, cost),
            sent_at = CASE WHEN @status IN ('Sent', 'Delivered') THEN coalesce(sent_at, now()) ELSE sent_at END,
            delivered_at = CASE WHEN @status = 'Delivered' THEN now() ELSE delivered_at END,
            failed_at = CASE WHEN @status IN ('Failed', 'Undelivered') THEN now() ELSE failed_at END,
            lease_until = NULL,
            status_updated_at = now()
        WHERE provider = @provider AND provider_message_id = @sid AND direction = 'Outbound' AND status = ANY(@allowed_from)
        RETURNING conversation_id
        """;
}
