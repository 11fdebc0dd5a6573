namespace Outreach.Infrastructure.Automation;

/// <summary>The scheduler's and the executor's statements.</summary>
internal static class AutomationSql
{
    /// <summary>
    /// What the rules' conditions and delayed triggers look at, per conversation: its bucket and priority, the
    /// prospect's tags, score, e-mail and campaigns, the last reply, the last answer a person sent, and whether the
    /// team snoozed or closed it.
    /// </summary>
    public const string Facts = """
        SELECT c.id, c.bucket, c.priority, p.tags, p.score, p.email IS NOT NULL,
               ARRAY(SELECT e.campaign_id FROM campaign_enrollments e WHERE e.prospect_id = p.id),
               c.last_inbound_at,
               (SELECT max(m.created_at) FROM messages m
                 WHERE m.conversation_id = c.id AND m.direction = 'Outbound' AND m.source = 'Manual'),
               c.status, c.snoozed_until
        FROM conversations c JOIN prospects p ON p.id = c.prospect_id
        WHERE c.id = ANY(@ids)
        """;

    /// <summary>
    /// One execution per rule and occurrence; a once-only rule with an execution pending, running or completed
    /// for the conversation gets none (both unique indexes answer ON CONFLICT DO NOTHING). Each execution keeps
    /// the rule's definition as it is now; a rule deleted or paused since the caller read it schedules nothing.
    /// </summary>
    public const string Schedule = """
        INSERT INTO follow_up_executions (team_id, rule_id, conversation_id, prospect_id, trigger_key, once, cancel_on_reply, definition,
                                          triggered_at, due_at, status, actions_done, attempts, created_at)
        SELECT app_current_team(), s.rule_id, s.conversation_id, s.prospect_id, s.trigger_key, s.once, s.cancel_on_reply, r.definition,
               s.triggered_at, s.due_at, 'Pending', 0, 0, now()
        FROM unnest(@rules, @conversations, @prospects, @keys, @once, @cancel, @triggered, @due)
             AS s(rule_id, conversation_id, prospect_id, trigger_key, once, cancel_on_reply, triggered_at, due_at)
        JOIN follow_up_rules r ON r.id = s.rule_id AND r.is_enabled AND r.team_id = app_current_team()
        ON CONFLICT DO NOTHING
        """;

    /// <summary>A reply ends the waiting of the prospect's executions that a reply cancels (an opt-out ends them all).</summary>
    public const string CancelOnReply = """
        UPDATE follow_up_executions SET status = 'Skipped', reason = @reason, finished_at = now()
        WHERE prospect_id = @prospect AND status = 'Pending' AND (cancel_on_reply OR @all)
        """;

    /// <summary>A person answered: executions waiting for nobody to answer have nothing left to do.</summary>
    public const string CancelAnswered = """
        UPDATE follow_up_executions x SET status = 'Skipped', reason = @reason, finished_at = now()
        FROM follow_up_rules r
        WHERE x.conversation_id = @conversation AND x.status = 'Pending' AND r.id = x.rule_id
          AND r.definition -> 'trigger' ->> 'kind' = 'NotAnsweredByHuman'
        """;

    /// <summary>
    /// Due executions of every team, and running ones whose lease ran out (their node died mid-way), locked with
    /// SKIP LOCKED so that executors on several nodes never take the same row. The lease hides each row while
    /// it runs; the attempt is counted on the claim.
    /// </summary>
    public const string Claim = """
        WITH pending AS (
            SELECT id FROM follow_up_executions WHERE status = 'Pending' AND due_at <= now() ORDER BY due_at LIMIT @batch FOR UPDATE SKIP LOCKED
        ),
        abandoned AS (
            SELECT id FROM follow_up_executions WHERE status = 'Running' AND lease_until <= now() LIMIT @batch FOR UPDATE SKIP LOCKED
        )
        UPDATE follow_up_executions x SET status = 'Running', lease_until = now() + @lease, attempts = x.attempts + 1
        FROM (SELECT id FROM pending UNION ALL SELECT id FROM abandoned) due WHERE x.id = due.id
        RETURNING x.id, x.team_id, x.rule_id, x.conversation_id, x.prospect_id, x.triggered_at, x.actions_done, x.attempts,
                  x.definition::text, x.cancel_on_reply
        """;

    /// <summary>A rule edited before its executions start: they run the new definition (a half-done one keeps its own).</summary>
    public const string Redefine = """
        UPDATE follow_up_executions SET definition = @definition::jsonb, cancel_on_reply = @cancel
        WHERE rule_id = @rule AND status = 'Pending' AND actions_done = 0
        """;

    /// <summary>Moves progress on by one action, only if this run still holds the execution where it left it.</summary>
    public const string Advance = """
        UPDATE follow_up_executions SET actions_done = @done + 1, message_id = coalesce(@message, message_id)
        WHERE id = @id AND status = 'Running' AND actions_done = @done
        """;

    public const string Finish = """
        UPDATE follow_up_executions
        SET status = @status, reason = left(@reason, 500), finished_at = CASE WHEN @status = 'Pending' THEN NULL ELSE now() END,
            due_at = coalesce(@due, due_at), lease_until = NULL,
            attempts = CASE WHEN @status = 'Pending' AND @deferred THEN 0 ELSE attempts END
        WHERE id = @id AND status = 'Running'
        """;

    public const string CreateTask = """
        INSERT INTO tasks (id, team_id, title, priority, due_at, assignee_user_id, assignee_role, conversation_id, prospect_id,
                           status, created_at, created_by, source_key)
        SELECT @task_id, app_current_team(), @title, @priority, now() + @due_in,
               -- Someone who left the team, or can only read, gets no task: it goes to the whole team instead.
               (SELECT m.user_id FROM memberships m
                 WHERE m.team_id = app_current_team() AND m.is_active AND m.role <> 'Viewer'
                   AND m.user_id = coalesce(@user::uuid, CASE WHEN @role::text IS NULL THEN c.assignee_id END)),
               @role::text, c.id, c.prospect_id, 'Open', now(), @by, @key
        FROM conversations c WHERE c.id = @conversation
        ON CONFLICT (team_id, source_key) WHERE source_key IS NOT NULL DO NOTHING
        """;

    public const string Move = """
        WITH old AS (SELECT id, team_id, bucket FROM conversations WHERE id = @conversation FOR UPDATE),
        moved AS (
            UPDATE conversations c SET bucket = @bucket FROM old WHERE c.id = old.id AND old.bucket <> @bucket
            RETURNING c.id, old.team_id, old.bucket AS from_bucket
        )
        INSERT INTO conversation_events (id, team_id, conversation_id, kind, from_value, to_value, reason, actor_name, occurred_at)
        SELECT gen_random_uuid(), team_id, id, 'Moved', from_bucket, @bucket, @reason, @by, now() FROM moved
        """;

    public const string ChangeScore = """
        UPDATE prospects SET engagement_score = engagement_score + @delta, updated_at = now() WHERE id = @prospect;
        INSERT INTO prospect_activities (team_id, prospect_id, kind, summary, actor_name, occurred_at)
        VALUES (app_current_team(), @prospect, 'automation', @summary, @by, now());
        """;

    public const string AddTag = """
        WITH tagged AS (
            UPDATE prospects SET tags = array_append(tags, @tag), updated_at = now()
            WHERE id = @prospect AND NOT (@tag = ANY(tags)) AND cardinality(tags) < @max
            RETURNING id
        )
        INSERT INTO prospect_activities (team_id, prospect_id, kind, summary, actor_name, occurred_at)
        SELECT app_current_team(), id, 'automation', @summary, @by, now() FROM tagged
        """;

    public const string RemoveTag = """
        WITH untagged AS (
            UPDATE prospects SET tags = array_remove(tags, @tag), updated_at = now()
            WHERE id = @prospect AND @tag = ANY(tags)
            RETURNING id
        )
        INSERT INTO prospect_activities (team_id, prospect_id, kind, summary, actor_name, occurred_at)
        SELECT app_current_team(), id, 'automation', @summary, @by, now() FROM untagged
        """;
}
