using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// The live inbox: labels and the SLA target on conversations, the triage history (conversation_events),
/// saved replies, who is looking at which conversation (conversation_viewers, unlogged: presence is worth
/// nothing after a crash), and a full-text index on message bodies with the inbox's search function. The function
/// exists for the same reason as the prospect search functions: under row-level security the text-search
/// operator is not leakproof, so the index would never be used by the team's own query.
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261122050000_Inbox")]
public sealed class Inbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Tables);
        migrationBuilder.Sql(Search);
        migrationBuilder.Sql(RowLevelSecurity);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");

    private const string Tables = """
        ALTER TABLE conversations ADD labels text[] NOT NULL DEFAULT '{}';
        ALTER TABLE messaging_settings ADD hot_lead_sla_minutes integer NOT NULL DEFAULT 120;

        CREATE INDEX ix_conversations_team_id_last_message_at ON conversations (team_id, last_message_at);
        CREATE INDEX ix_conversations_team_id_waiting_since ON conversations (team_id, waiting_since);
        CREATE INDEX ix_conversations_team_id_status_bucket ON conversations (team_id, status, bucket);
        CREATE INDEX ix_conversations_team_id_assignee_id_status_last_message_at ON conversations (team_id, assignee_id, status, last_message_at);
        CREATE INDEX ix_conversations_team_id_prospect_phone ON conversations (team_id, prospect_phone);
        CREATE INDEX ix_conversations_team_id_unread ON conversations (team_id) WHERE status = 'Open' AND unread_count > 0;
        CREATE INDEX ix_conversations_team_id_hot_waiting_since ON conversations (team_id, waiting_since) WHERE status = 'Open' AND priority = 'Hot';
        CREATE INDEX ix_conversations_snoozed_until ON conversations (snoozed_until);

        CREATE TABLE conversation_events (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            conversation_id uuid NOT NULL,
            kind character varying(16) NOT NULL,
            from_value character varying(120),
            to_value character varying(120),
            reason character varying(500),
            actor_id uuid,
            actor_name character varying(120) NOT NULL,
            occurred_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_conversation_events PRIMARY KEY (id),
            CONSTRAINT fk_conversation_events_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
            CONSTRAINT fk_conversation_events_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );
        CREATE INDEX ix_conversation_events_conversation_id_occurred_at ON conversation_events (conversation_id, occurred_at);
        CREATE INDEX ix_conversation_events_team_id ON conversation_events (team_id);

        CREATE TABLE reply_templates (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            name character varying(80) NOT NULL,
            body character varying(1600) NOT NULL,
            updated_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_reply_templates PRIMARY KEY (id),
            CONSTRAINT fk_reply_templates_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );
        CREATE UNIQUE INDEX ix_reply_templates_team_id_name ON reply_templates (team_id, name);

        CREATE UNLOGGED TABLE conversation_viewers (
            viewer_id uuid NOT NULL,
            team_id uuid NOT NULL,
            conversation_id uuid NOT NULL,
            user_id uuid NOT NULL,
            user_name character varying(120) NOT NULL,
            seen_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_conversation_viewers PRIMARY KEY (viewer_id)
        );
        CREATE INDEX ix_conversation_viewers_team_id_conversation_id ON conversation_viewers (team_id, conversation_id);
        """;

    private const string Search = """
        CREATE INDEX ix_messages_body_text ON messages USING gin (to_tsvector('simple', body));

        CREATE FUNCTION app_conversations_matching(pattern text, words text) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
            $$ SELECT c.id FROM conversations c
               WHERE c.team_id = app_current_team() AND c.prospect_id IN (
                   SELECT p.id FROM prospects p WHERE p.team_id = app_current_team() AND p.deleted_at IS NULL AND p.search_text LIKE pattern)
               UNION
               SELECT m.conversation_id FROM messages m
               WHERE m.team_id = app_current_team() AND to_tsvector('simple', m.body) @@ plainto_tsquery('simple', words) $$;

        REVOKE ALL ON FUNCTION app_conversations_matching(text, text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION app_conversations_matching(text, text) TO outreach_app;
        """;

    private const string RowLevelSecurity = """
        ALTER TABLE conversation_events ENABLE ROW LEVEL SECURITY;
        ALTER TABLE conversation_events FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON conversation_events
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE reply_templates ENABLE ROW LEVEL SECURITY;
        ALTER TABLE reply_templates FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON reply_templates
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE conversation_viewers ENABLE ROW LEVEL SECURITY;
        ALTER TABLE conversation_viewers FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON conversation_viewers
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));
        """;
}
