using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>Paid enrichment lookups, so the same person is never paid for twice within the reuse window.</summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261122030000_EnrichmentLookups")]
public sealed class EnrichmentLookups : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE enrichment_lookups (
            id bigint GENERATED ALWAYS AS IDENTITY,
            team_id uuid NOT NULL,
            provider character varying(32) NOT NULL,
            person_key character varying(64) NOT NULL,
            result jsonb NOT NULL,
            cost numeric(10,4) NOT NULL,
            looked_up_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_enrichment_lookups PRIMARY KEY (id),
            CONSTRAINT fk_enrichment_lookups_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE UNIQUE INDEX ix_enrichment_lookups_team_id_provider_person_key ON enrichment_lookups (team_id, provider, person_key);

        ALTER TABLE enrichment_lookups ENABLE ROW LEVEL SECURITY;
        ALTER TABLE enrichment_lookups FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON enrichment_lookups
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));
        """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");
}
