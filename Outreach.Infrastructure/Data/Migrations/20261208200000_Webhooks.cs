using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>Outgoing webhooks: the subscriptions, the outbox of events, one delivery per event and subscription, and the log of attempts.</summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261208200000_Webhooks")]
public sealed class Webhooks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Tables);
        migrationBuilder.Sql(RowLevelSecurity);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TABLE webhook_attempts, webhook_deliveries, webhook_events, webhook_subscriptions;");

    private const string Tables = """
        CREATE TABLE webhook_subscriptions (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            name character varying(120) NOT NULL,
            url character varying(2000) NOT NULL,
            format character varying(16) NOT NULL,
            event_types text[] NOT NULL,
            ordered boolean NOT NULL,
            is_enabled boolean NOT NULL,
            disabled_reason character varying(500),
            secret character varying(100) NOT NULL,
            previous_secret character varying(100),
            previous_secret_expires_at timestamp with time zone,
            failing_since timestamp with time zone,
            created_at timestamp with time zone NOT NULL,
            updated_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_webhook_subscriptions PRIMARY KEY (id),
            CONSTRAINT fk_webhook_subscriptions_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE webhook_events (
            id uuid NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            team_id uuid NOT NULL,
            type character varying(40) NOT NULL,
            data jsonb NOT NULL,
            dedupe_key character varying(80),
            occurred_at timestamp with time zone NOT NULL,
            fanned_out boolean NOT NULL DEFAULT false,
            CONSTRAINT pk_webhook_events PRIMARY KEY (id),
            CONSTRAINT fk_webhook_events_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE webhook_deliveries (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            subscription_id uuid NOT NULL,
            event_id uuid NOT NULL,
            event_seq bigint NOT NULL,
            state character varying(16) NOT NULL,
            attempts integer NOT NULL,
            next_attempt_at timestamp with time zone NOT NULL,
            first_due_at timestamp with time zone NOT NULL,
            lease_until timestamp with time zone,
            lease_owner character varying(200),
            delivered_at timestamp with time zone,
            last_status_code integer,
            last_error character varying(1000),
            created_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
            CONSTRAINT fk_webhook_deliveries_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE,
            CONSTRAINT fk_webhook_deliveries_webhook_subscriptions_subscription_id FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
            CONSTRAINT fk_webhook_deliveries_webhook_events_event_id FOREIGN KEY (event_id) REFERENCES webhook_events (id) ON DELETE CASCADE
        );

        CREATE TABLE webhook_attempts (
            id bigint GENERATED ALWAYS AS IDENTITY,
            team_id uuid NOT NULL,
            delivery_id uuid NOT NULL,
            subscription_id uuid NOT NULL,
            attempt integer NOT NULL,
            attempted_at timestamp with time zone NOT NULL,
            duration_ms integer NOT NULL,
            request character varying(4000) NOT NULL,
            status_code integer,
            response_excerpt character varying(1000),
            error character varying(1000),
            succeeded boolean NOT NULL,
            node character varying(200) NOT NULL,
            CONSTRAINT pk_webhook_attempts PRIMARY KEY (id),
            CONSTRAINT fk_webhook_attempts_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE,
            CONSTRAINT fk_webhook_attempts_webhook_subscriptions_subscription_id FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
            CONSTRAINT fk_webhook_attempts_webhook_deliveries_delivery_id FOREIGN KEY (delivery_id) REFERENCES webhook_deliveries (id) ON DELETE CASCADE
        );

        CREATE INDEX ix_webhook_subscriptions_team_id ON webhook_subscriptions (team_id);

        CREATE UNIQUE INDEX ix_webhook_events_team_id_type_dedupe_key ON webhook_events (team_id, type, dedupe_key) WHERE dedupe_key IS NOT NULL;
        CREATE INDEX ix_webhook_events_pending ON webhook_events (seq) WHERE NOT fanned_out;
        CREATE INDEX ix_webhook_events_occurred_at ON webhook_events (occurred_at);

        CREATE UNIQUE INDEX ix_webhook_deliveries_subscription_id_event_id ON webhook_deliveries (subscription_id, event_id);
        CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'Pending';
        CREATE INDEX ix_webhook_deliveries_pending_order ON webhook_deliveries (subscription_id, event_seq) WHERE state = 'Pending';
        CREATE INDEX ix_webhook_deliveries_subscription_id_created_at ON webhook_deliveries (subscription_id, created_at);
        CREATE INDEX ix_webhook_deliveries_event_id ON webhook_deliveries (event_id);
        CREATE INDEX ix_webhook_deliveries_team_id ON webhook_deliveries (team_id);

        CREATE INDEX ix_webhook_attempts_subscription_id_attempted_at ON webhook_attempts (subscription_id, attempted_at);
        CREATE INDEX ix_webhook_attempts_delivery_id ON webhook_attempts (delivery_id);
        CREATE INDEX ix_webhook_attempts_team_id ON webhook_attempts (team_id);
        """;

    private const string RowLevelSecurity = """
        ALTER TABLE webhook_subscriptions ENABLE ROW LEVEL SECURITY;
        ALTER TABLE webhook_subscriptions FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON webhook_subscriptions
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE webhook_events ENABLE ROW LEVEL SECURITY;
        ALTER TABLE webhook_events FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON webhook_events
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
        ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON webhook_deliveries
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE webhook_attempts ENABLE ROW LEVEL SECURITY;
        ALTER TABLE webhook_attempts FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON webhook_attempts
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));
        """;
}
