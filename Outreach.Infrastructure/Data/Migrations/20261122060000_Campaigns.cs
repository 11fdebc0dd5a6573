using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// Campaigns and their enrollments, the team's sending limits and monthly spend, channel kill switches, and
/// the campaign columns of messages (counters, reserved spend, the hand-over time the kill switches check)
/// and of the guardrail log (trips per campaign and reason).
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261122060000_Campaigns")]
public sealed class Campaigns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Tables);
        migrationBuilder.Sql(RowLevelSecurity);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");

    private const string Tables = """
        CREATE TABLE campaigns (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            name character varying(120) NOT NULL,
            channel character varying(8) NOT NULL,
            state character varying(16) NOT NULL,
            audience jsonb NOT NULL,
            steps jsonb NOT NULL,
            start_at timestamp with time zone,
            end_at timestamp with time zone,
            window_start time without time zone NOT NULL,
            window_end time without time zone NOT NULL,
            days integer NOT NULL,
            throttle_per_minute integer NOT NULL,
            daily_cap integer NOT NULL,
            budget numeric(12,2),
            max_follow_ups integer NOT NULL,
            stop_on_reply boolean NOT NULL,
            number_pool uuid[] NOT NULL,
            require_approval boolean NOT NULL,
            kill_switch_engaged boolean NOT NULL,
            kill_switch_reason character varying(500),
            kill_switch_by character varying(120),
            kill_switch_at timestamp with time zone,
            pause_reason character varying(600),
            reserved_spend numeric(14,5) NOT NULL,
            spent numeric(14,5) NOT NULL,
            enrolled integer NOT NULL,
            excluded_do_not_contact integer NOT NULL,
            created_by character varying(120) NOT NULL,
            created_at timestamp with time zone NOT NULL,
            updated_at timestamp with time zone NOT NULL,
            started_at timestamp with time zone,
            finished_at timestamp with time zone,
            CONSTRAINT pk_campaigns PRIMARY KEY (id),
            CONSTRAINT fk_campaigns_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE campaign_enrollments (
            id bigint GENERATED ALWAYS AS IDENTITY,
            team_id uuid NOT NULL,
            campaign_id uuid NOT NULL,
            prospect_id uuid NOT NULL,
            step integer NOT NULL,
            state character varying(16) NOT NULL,
            next_due_at timestamp with time zone,
            last_skip_reason character varying(32),
            variant character varying(1) NOT NULL,
            last_message_id uuid,
            approved_at timestamp with time zone,
            enrolled_at timestamp with time zone NOT NULL,
            updated_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_campaign_enrollments PRIMARY KEY (id),
            CONSTRAINT fk_campaign_enrollments_campaigns_campaign_id FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE,
            CONSTRAINT fk_campaign_enrollments_prospects_prospect_id FOREIGN KEY (prospect_id) REFERENCES prospects (id) ON DELETE CASCADE,
            CONSTRAINT fk_campaign_enrollments_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE team_sending_limits (
            team_id uuid NOT NULL,
            monthly_budget numeric(12,2),
            max_per_prospect_per_day integer NOT NULL,
            max_per_prospect_per_week integer NOT NULL,
            updated_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_team_sending_limits PRIMARY KEY (team_id),
            CONSTRAINT fk_team_sending_limits_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE team_spend (
            team_id uuid NOT NULL,
            month date NOT NULL,
            reserved numeric(14,5) NOT NULL,
            spent numeric(14,5) NOT NULL,
            CONSTRAINT pk_team_spend PRIMARY KEY (team_id, month),
            CONSTRAINT fk_team_spend_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE channel_kill_switches (
            team_id uuid NOT NULL,
            channel character varying(8) NOT NULL,
            reason character varying(500) NOT NULL,
            engaged_by character varying(120) NOT NULL,
            engaged_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_channel_kill_switches PRIMARY KEY (team_id, channel),
            CONSTRAINT fk_channel_kill_switches_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        ALTER TABLE messages
            ADD COLUMN campaign_id uuid,
            ADD COLUMN campaign_step integer,
            ADD COLUMN reserved_cost numeric(12,5),
            ADD COLUMN cost_settled_at timestamp with time zone,
            ADD COLUMN handed_at timestamp with time zone,
            ADD CONSTRAINT fk_messages_campaigns_campaign_id FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE SET NULL;

        ALTER TABLE guardrail_events
            ADD COLUMN campaign_id uuid,
            ADD CONSTRAINT fk_guardrail_events_campaigns_campaign_id FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE;

        CREATE UNIQUE INDEX ix_campaign_enrollments_campaign_id_prospect_id ON campaign_enrollments (campaign_id, prospect_id);

        CREATE INDEX ix_campaign_enrollments_campaign_id_state ON campaign_enrollments (campaign_id, state);

        CREATE INDEX ix_campaign_enrollments_due ON campaign_enrollments (next_due_at) WHERE state IN ('Pending', 'Active');

        CREATE INDEX ix_campaign_enrollments_prospect_id ON campaign_enrollments (prospect_id);

        CREATE INDEX ix_campaign_enrollments_team_id ON campaign_enrollments (team_id);

        CREATE INDEX ix_campaigns_team_id_state ON campaigns (team_id, state);

        CREATE INDEX ix_guardrail_events_campaign_id_reason ON guardrail_events (campaign_id, reason) WHERE campaign_id IS NOT NULL;

        CREATE INDEX ix_messages_campaign_id_created_at ON messages (campaign_id, created_at) WHERE campaign_id IS NOT NULL;

        CREATE INDEX ix_messages_outbound_to ON messages (team_id, "to", created_at) WHERE direction = 'Outbound';

        CREATE INDEX ix_messages_unsettled ON messages (created_at) WHERE reserved_cost IS NOT NULL AND cost_settled_at IS NULL;
        """;

    private const string RowLevelSecurity = """
        -- The installation-wide stop is system data the application role cannot read; guardrails ask it
        -- through this owner function, in the same statement as everything else they need.
        CREATE FUNCTION app_global_sending_paused() RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
            $$ SELECT EXISTS (SELECT 1 FROM installation_settings WHERE key = 'sending.global_paused' AND value = 'true') $$;
        REVOKE ALL ON FUNCTION app_global_sending_paused() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION app_global_sending_paused() TO outreach_app;

        ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
        ALTER TABLE campaigns FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON campaigns
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE campaign_enrollments ENABLE ROW LEVEL SECURITY;
        ALTER TABLE campaign_enrollments FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON campaign_enrollments
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE team_sending_limits ENABLE ROW LEVEL SECURITY;
        ALTER TABLE team_sending_limits FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON team_sending_limits
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE team_spend ENABLE ROW LEVEL SECURITY;
        ALTER TABLE team_spend FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON team_spend
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE channel_kill_switches ENABLE ROW LEVEL SECURITY;
        ALTER TABLE channel_kill_switches FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON channel_kill_switches
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));
        """;
}
