using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// Sending numbers, per-team messaging settings, conversations, messages (which are also the outbound
/// queue), the guardrail log, and installation-wide settings.
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261122020000_MessagingQueue")]
public sealed class MessagingQueue : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Tables);
        migrationBuilder.Sql(RowLevelSecurity);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");

    private const string Tables = """
        CREATE TABLE sending_numbers (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            number character varying(16) NOT NULL,
            provider character varying(32) NOT NULL,
            label character varying(100),
            area_code character varying(3),
            state character varying(2),
            is_active boolean NOT NULL,
            next_slot_at timestamp with time zone NOT NULL,
            created_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_sending_numbers PRIMARY KEY (id),
            CONSTRAINT fk_sending_numbers_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE messaging_settings (
            team_id uuid NOT NULL,
            sending_paused boolean NOT NULL,
            paused_reason character varying(500),
            paused_by character varying(120),
            paused_at timestamp with time zone,
            quiet_hours_start time without time zone NOT NULL,
            quiet_hours_end time without time zone NOT NULL,
            auto_reply_enabled boolean NOT NULL,
            auto_reply_threshold integer NOT NULL,
            max_concurrent_sends integer NOT NULL,
            classification_profile jsonb NOT NULL,
            updated_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_messaging_settings PRIMARY KEY (team_id),
            CONSTRAINT fk_messaging_settings_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE conversations (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            prospect_id uuid NOT NULL,
            sending_number_id uuid NOT NULL,
            prospect_phone character varying(16) NOT NULL,
            status character varying(16) NOT NULL,
            bucket character varying(16) NOT NULL,
            priority character varying(8) NOT NULL,
            last_classification character varying(16),
            last_confidence integer,
            assignee_id uuid,
            unread_count integer NOT NULL,
            last_message_preview character varying(160),
            last_message_at timestamp with time zone,
            last_inbound_at timestamp with time zone,
            last_outbound_at timestamp with time zone,
            waiting_since timestamp with time zone,
            snoozed_until timestamp with time zone,
            created_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_conversations PRIMARY KEY (id),
            CONSTRAINT fk_conversations_prospects_prospect_id FOREIGN KEY (prospect_id) REFERENCES prospects (id) ON DELETE CASCADE,
            CONSTRAINT fk_conversations_sending_numbers_sending_number_id FOREIGN KEY (sending_number_id) REFERENCES sending_numbers (id) ON DELETE RESTRICT,
            CONSTRAINT fk_conversations_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE messages (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            conversation_id uuid NOT NULL,
            direction character varying(8) NOT NULL,
            source character varying(16),
            body character varying(1600) NOT NULL,
            "from" character varying(16) NOT NULL,
            "to" character varying(16) NOT NULL,
            status character varying(16) NOT NULL,
            provider character varying(32) NOT NULL,
            provider_message_id character varying(64),
            idempotency_key character varying(128),
            error_code character varying(32),
            error_message character varying(500),
            segments integer NOT NULL,
            cost numeric(12,5),
            attempts integer NOT NULL,
            next_attempt_at timestamp with time zone,
            lease_until timestamp with time zone,
            claimed_by character varying(200),
            sent_by_user_id uuid,
            sent_by_name character varying(120),
            classification character varying(16),
            confidence integer,
            extracted_email character varying(254),
            created_at timestamp with time zone NOT NULL,
            sent_at timestamp with time zone,
            delivered_at timestamp with time zone,
            failed_at timestamp with time zone,
            status_updated_at timestamp with time zone,
            CONSTRAINT pk_messages PRIMARY KEY (id),
            CONSTRAINT fk_messages_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
            CONSTRAINT fk_messages_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE guardrail_events (
            id bigint GENERATED ALWAYS AS IDENTITY,
            team_id uuid NOT NULL,
            prospect_id uuid,
            recipient character varying(254) NOT NULL,
            outcome character varying(8) NOT NULL,
            reason character varying(32) NOT NULL,
            explanation character varying(500) NOT NULL,
            source character varying(32),
            occurred_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_guardrail_events PRIMARY KEY (id),
            CONSTRAINT fk_guardrail_events_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE UNIQUE INDEX ix_sending_numbers_number ON sending_numbers (number);

        CREATE INDEX ix_sending_numbers_team_id_is_active ON sending_numbers (team_id, is_active);

        CREATE INDEX ix_conversations_prospect_id ON conversations (prospect_id);

        CREATE INDEX ix_conversations_sending_number_id ON conversations (sending_number_id);

        CREATE INDEX ix_conversations_team_id_bucket_last_message_at ON conversations (team_id, bucket, last_message_at);

        CREATE UNIQUE INDEX ix_conversations_team_id_prospect_id_sending_number_id ON conversations (team_id, prospect_id, sending_number_id);

        CREATE INDEX ix_conversations_team_id_status_last_message_at ON conversations (team_id, status, last_message_at);

        CREATE INDEX ix_messages_conversation_id_created_at ON messages (conversation_id, created_at);

        CREATE INDEX ix_messages_leases ON messages (lease_until) WHERE status = 'Sending';

        CREATE UNIQUE INDEX ix_messages_provider_provider_message_id ON messages (provider, provider_message_id) WHERE provider_message_id IS NOT NULL;

        CREATE INDEX ix_messages_queue ON messages (next_attempt_at) WHERE status = 'Queued';

        CREATE INDEX ix_messages_queued_to ON messages (team_id, "to") WHERE status = 'Queued';

        CREATE INDEX ix_messages_team_id_created_at ON messages (team_id, created_at);

        CREATE UNIQUE INDEX ix_messages_team_id_idempotency_key ON messages (team_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

        CREATE INDEX ix_guardrail_events_team_id_occurred_at ON guardrail_events (team_id, occurred_at);

        CREATE TABLE installation_settings (
            key character varying(100) NOT NULL,
            value character varying(2000) NOT NULL,
            updated_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_installation_settings PRIMARY KEY (key)
        );

        -- Installation-wide switches and keys are system work only.
        REVOKE ALL ON installation_settings FROM outreach_app;
        """;

    // Policies read the session settings through scalar subqueries: evaluated once per statement instead
    // of once per row, and the team comparison can use the team_id indexes.
    private const string RowLevelSecurity = """
        ALTER TABLE sending_numbers ENABLE ROW LEVEL SECURITY;
        ALTER TABLE sending_numbers FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON sending_numbers
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE messaging_settings ENABLE ROW LEVEL SECURITY;
        ALTER TABLE messaging_settings FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON messaging_settings
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
        ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON conversations
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
        ALTER TABLE messages FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON messages
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE guardrail_events ENABLE ROW LEVEL SECURITY;
        ALTER TABLE guardrail_events FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON guardrail_events
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));
        """;
}
