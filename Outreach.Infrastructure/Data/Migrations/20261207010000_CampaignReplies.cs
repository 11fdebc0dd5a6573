using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// Replies are attributed to the message they answer (so to its campaign and step, whatever the enrollment's
/// state), the counters every campaign screen shows come from one view, and a kill switch's refusals are
/// one guardrail entry per stop episode with a count instead of one row per refused send.
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261207010000_CampaignReplies")]
public sealed class CampaignReplies : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Replies);
        migrationBuilder.Sql(Counters);
        migrationBuilder.Sql(StopEpisodes);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");

    private const string Replies = """
        ALTER TABLE messages ADD answers_message_id uuid;

        CREATE INDEX ix_messages_answers_message_id ON messages (answers_message_id) WHERE answers_message_id IS NOT NULL;

        -- The one definition of what a reply answers: the last message handed over in its conversation before it
        -- arrived (queued, cancelled and failed ones never reached the prospect). The ingest applies it to every
        -- new reply; its campaign, step and sender get the credit for the reply (and the opt-out). PL/pgSQL so
        -- that each pooled connection plans it once.
        CREATE FUNCTION app_answered_message(conversation uuid, received_at timestamp with time zone) RETURNS uuid
            LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS
            $$ BEGIN
                RETURN (SELECT o.id FROM messages o
                        WHERE o.conversation_id = conversation AND o.direction = 'Outbound'
                          AND o.status IN ('Sending', 'Sent', 'Delivered') AND o.created_at <= received_at
                        ORDER BY o.created_at DESC, o.id DESC
                        LIMIT 1);
            END $$;

        UPDATE messages r SET answers_message_id = app_answered_message(r.conversation_id, r.created_at)
        WHERE r.direction = 'Inbound';
        """;

    private const string Counters = """
        -- What every campaign screen counts (control room tiles, the campaign list): one definition. Runs with
        -- the caller's rights, so row-level security scopes it like the tables under it.
        CREATE VIEW campaign_counters WITH (security_invoker = true) AS
        SELECT c.id AS campaign_id,
               o.queued, o.sent, o.delivered, o.failed,
               r.replies, r.opt_outs, r.replied_prospects
        FROM campaigns c
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE m.status IN ('Queued', 'Sending')) AS queued,
                   count(*) FILTER (WHERE m.status IN ('Sent', 'Delivered', 'Undelivered')) AS sent,
                   count(*) FILTER (WHERE m.status = 'Delivered') AS delivered,
                   count(*) FILTER (WHERE m.status IN ('Failed', 'Undelivered')) AS failed
            FROM messages m WHERE m.campaign_id = c.id
        ) o
        CROSS JOIN LATERAL (
            SELECT count(*) AS replies,
                   count(*) FILTER (WHERE r.classification = 'OptOut') AS opt_outs,
                   count(DISTINCT r.conversation_id) AS replied_prospects
            FROM messages s JOIN messages r ON r.answers_message_id = s.id
            WHERE s.campaign_id = c.id
        ) r;
        """;

    private const string StopEpisodes = """
        ALTER TABLE guardrail_events ADD held integer NOT NULL DEFAULT 1;
        ALTER TABLE guardrail_events ALTER held DROP DEFAULT;
        ALTER TABLE guardrail_events ADD stop_started_at timestamp with time zone;
        ALTER TABLE guardrail_events ADD last_occurred_at timestamp with time zone;
        UPDATE guardrail_events SET last_occurred_at = occurred_at;
        ALTER TABLE guardrail_events ALTER last_occurred_at SET NOT NULL;

        -- One entry per stop episode: the switch's scope (a campaign, or none for team, channel and installation
        -- stops) and the moment it was engaged. NULLS NOT DISTINCT so that scope-less stops meet in one row.
        CREATE UNIQUE INDEX ix_guardrail_events_stop_episode ON guardrail_events (team_id, reason, campaign_id, stop_started_at)
            NULLS NOT DISTINCT WHERE stop_started_at IS NOT NULL;

        -- Existing kill-switch rows: keep the newest of each campaign and reason, with the count of the rest.
        WITH ranked AS (
            SELECT id, count(*) OVER w AS n, max(occurred_at) OVER w AS last_at, min(occurred_at) OVER w AS first_at,
                   row_number() OVER (PARTITION BY team_id, reason, campaign_id ORDER BY occurred_at DESC, id DESC) AS rn
            FROM guardrail_events
            WHERE reason IN ('GlobalKillSwitch', 'TeamKillSwitch', 'ChannelKillSwitch', 'CampaignKillSwitch')
            WINDOW w AS (PARTITION BY team_id, reason, campaign_id)
        ),
        removed AS (
            DELETE FROM guardrail_events g USING ranked r WHERE g.id = r.id AND r.rn > 1
        )
        UPDATE guardrail_events g SET held = r.n, last_occurred_at = r.last_at, occurred_at = r.first_at, stop_started_at = r.first_at
        FROM ranked r WHERE g.id = r.id AND r.rn = 1;

        -- When the installation-wide stop was engaged (null while sending is allowed), for the episode key.
        CREATE FUNCTION app_global_sending_paused_since() RETURNS timestamp with time zone
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
            $$ SELECT updated_at FROM installation_settings WHERE key = 'sending.global_paused' AND value = 'true' $$;
        REVOKE ALL ON FUNCTION app_global_sending_paused_since() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION app_global_sending_paused_since() TO outreach_app;

        -- Whether a kill switch stops all of a team's sending (the installation, the team, its SMS channel): the
        -- campaign engine claims nothing of such a team, and the calendar and the tiles show its sends as held.
        -- Runs with the caller's rights: a team connection sees only its own switches.
        CREATE FUNCTION app_team_sending_stopped(team uuid) RETURNS boolean
            LANGUAGE sql STABLE SET search_path = public, pg_temp AS
            $$ SELECT app_global_sending_paused()
                   OR EXISTS (SELECT 1 FROM messaging_settings s WHERE s.team_id = team AND s.sending_paused)
                   OR EXISTS (SELECT 1 FROM channel_kill_switches k WHERE k.team_id = team AND k.channel = 'Sms') $$;
        """;
}
