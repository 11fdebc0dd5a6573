using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// Prospects, their imports (with the rejected rows and the timeline) and the suppression list. The trigram
/// extension serves the grid's free-text search.
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261122010000_ProspectsAndSuppression")]
public sealed class ProspectsAndSuppression : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Tables);
        migrationBuilder.Sql(RowLevelSecurity);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");

    private const string Tables = """
        -- Trusted since PostgreSQL 13: the database owner may create it without being a superuser.
        CREATE EXTENSION IF NOT EXISTS pg_trgm;

        CREATE TABLE prospect_imports (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            file_name character varying(260) NOT NULL,
            file_size bigint NOT NULL,
            encoding character varying(32) NOT NULL,
            delimiter character varying(1) NOT NULL,
            headers jsonb NOT NULL,
            mapping jsonb NOT NULL,
            policy character varying(16) NOT NULL,
            status character varying(16) NOT NULL,
            created_by uuid NOT NULL,
            created_by_name character varying(120) NOT NULL,
            created_at timestamp with time zone NOT NULL,
            started_at timestamp with time zone,
            finished_at timestamp with time zone,
            node character varying(200),
            cancel_requested boolean NOT NULL,
            total_rows integer NOT NULL,
            processed_rows integer NOT NULL,
            progress_percent integer NOT NULL,
            inserted integer NOT NULL,
            updated integer NOT NULL,
            duplicates integer NOT NULL,
            invalid integer NOT NULL,
            suppressed integer NOT NULL,
            error character varying(1000),
            CONSTRAINT pk_prospect_imports PRIMARY KEY (id),
            CONSTRAINT fk_prospect_imports_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE prospects (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            full_name character varying(200),
            first_name character varying(100),
            last_name character varying(100),
            company character varying(200),
            title character varying(100),
            phone character varying(16),
            phone_extension character varying(10),
            secondary_phone character varying(16),
            email character varying(254),
            email_verified boolean NOT NULL,
            address character varying(200),
            city character varying(100),
            state character varying(2),
            zip character varying(10),
            county character varying(100),
            website character varying(300),
            linked_in character varying(300),
            sic character varying(8),
            sector character varying(80),
            sub_sector character varying(120),
            revenue numeric(16,2),
            revenue_tier character varying(16),
            employees integer,
            is_owner_or_executive boolean NOT NULL,
            time_zone character varying(64),
            notes character varying(4000),
            custom_fields jsonb NOT NULL,
            status character varying(16) NOT NULL,
            score integer GENERATED ALWAYS AS (GREATEST(0, 50
            + CASE WHEN is_owner_or_executive THEN 20 ELSE 0 END
            + CASE WHEN email_verified THEN 10 ELSE 0 END
            + CASE WHEN linked_in IS NOT NULL THEN 10 ELSE 0 END
            + CASE WHEN revenue_tier IN ('MainStreet', 'Growth') THEN 15 ELSE 0 END
            + engagement_score)) STORED NOT NULL,
            engagement_score integer NOT NULL,
            do_not_contact boolean NOT NULL,
            import_id uuid,
            created_at timestamp with time zone NOT NULL,
            updated_at timestamp with time zone NOT NULL,
            deleted_at timestamp with time zone,
            search_text text GENERATED ALWAYS AS (lower(coalesce(full_name, '') || ' ' || coalesce(company, ''))) STORED,
            tags text[] NOT NULL,
            CONSTRAINT pk_prospects PRIMARY KEY (id),
            CONSTRAINT fk_prospects_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE suppressions (
            id bigint GENERATED ALWAYS AS IDENTITY,
            team_id uuid NOT NULL,
            channel character varying(8) NOT NULL,
            value character varying(254) NOT NULL,
            reason character varying(16) NOT NULL,
            source character varying(200) NOT NULL,
            evidence character varying(1000),
            created_by uuid,
            created_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_suppressions PRIMARY KEY (id),
            CONSTRAINT fk_suppressions_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE import_rejections (
            id bigint GENERATED ALWAYS AS IDENTITY,
            team_id uuid NOT NULL,
            import_id uuid NOT NULL,
            row_number integer NOT NULL,
            reason character varying(500) NOT NULL,
            raw character varying(2000) NOT NULL,
            CONSTRAINT pk_import_rejections PRIMARY KEY (id),
            CONSTRAINT fk_import_rejections_prospect_imports_import_id FOREIGN KEY (import_id) REFERENCES prospect_imports (id) ON DELETE CASCADE
        );

        CREATE TABLE prospect_activities (
            id bigint GENERATED ALWAYS AS IDENTITY,
            team_id uuid NOT NULL,
            prospect_id uuid NOT NULL,
            kind character varying(32) NOT NULL,
            summary character varying(500) NOT NULL,
            actor_name character varying(120),
            occurred_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_prospect_activities PRIMARY KEY (id),
            CONSTRAINT fk_prospect_activities_prospects_prospect_id FOREIGN KEY (prospect_id) REFERENCES prospects (id) ON DELETE CASCADE
        );

        CREATE INDEX ix_prospect_imports_team_id_created_at ON prospect_imports (team_id, created_at);

        CREATE INDEX ix_prospects_search_text ON prospects USING gin (search_text gin_trgm_ops);

        CREATE INDEX ix_prospects_tags ON prospects USING gin (tags);

        CREATE INDEX ix_prospects_team_id_created_at_id ON prospects (team_id, created_at DESC, id DESC);

        CREATE UNIQUE INDEX ix_prospects_team_id_email ON prospects (team_id, email) WHERE email IS NOT NULL AND deleted_at IS NULL;

        CREATE INDEX ix_prospects_team_id_import_id ON prospects (team_id, import_id);

        CREATE UNIQUE INDEX ix_prospects_team_id_phone ON prospects (team_id, phone) WHERE phone IS NOT NULL AND deleted_at IS NULL;

        CREATE INDEX ix_prospects_team_id_score ON prospects (team_id, score);

        CREATE INDEX ix_prospects_team_id_sector ON prospects (team_id, sector);

        CREATE INDEX ix_prospects_team_id_state ON prospects (team_id, state);

        CREATE UNIQUE INDEX ix_suppressions_team_id_channel_value ON suppressions (team_id, channel, value);

        CREATE INDEX ix_suppressions_team_id_created_at ON suppressions (team_id, created_at);

        CREATE INDEX ix_import_rejections_import_id_row_number ON import_rejections (import_id, row_number);

        CREATE INDEX ix_prospect_activities_prospect_id_occurred_at ON prospect_activities (prospect_id, occurred_at);
        """;

    // Policies read the session settings through scalar subqueries: evaluated once per statement instead
    // of once per row, and the team comparison can use the team_id indexes.
    private const string RowLevelSecurity = """
        ALTER TABLE prospect_imports ENABLE ROW LEVEL SECURITY;
        ALTER TABLE prospect_imports FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON prospect_imports
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE prospects ENABLE ROW LEVEL SECURITY;
        ALTER TABLE prospects FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON prospects
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE suppressions ENABLE ROW LEVEL SECURITY;
        ALTER TABLE suppressions FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON suppressions
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE import_rejections ENABLE ROW LEVEL SECURITY;
        ALTER TABLE import_rejections FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON import_rejections
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE prospect_activities ENABLE ROW LEVEL SECURITY;
        ALTER TABLE prospect_activities FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON prospect_activities
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));
        """;
}
