using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// The trigram index moves from prospects to a table of its own. Maintaining it cost an import about a
/// quarter of its insert time and most of its WAL (ten or so index entries per row), all inside the
/// import's transaction. A trigger keeps single prospects searchable at once, as before; an import sets
/// <c>app.search_deferred</c> for its transaction and fills the table right after it commits, so search
/// lags an import by seconds while the commit does not wait for it. The node repairs anything a crash
/// between the two left behind when it starts (<c>app_repair_prospect_search</c>).
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261208190100_ProspectSearchTable")]
public sealed class ProspectSearchTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE prospect_search (
            prospect_id uuid NOT NULL,
            team_id uuid NOT NULL,
            search_text text NOT NULL,
            CONSTRAINT pk_prospect_search PRIMARY KEY (prospect_id),
            CONSTRAINT fk_prospect_search_prospects_prospect_id FOREIGN KEY (prospect_id) REFERENCES prospects (id) ON DELETE CASCADE
        );
        INSERT INTO prospect_search (prospect_id, team_id, search_text) SELECT id, team_id, search_text FROM prospects;
        CREATE INDEX ix_prospect_search_search_text ON prospect_search USING gin (search_text gin_trgm_ops);
        DROP INDEX ix_prospects_search_text;

        ALTER TABLE prospect_search ENABLE ROW LEVEL SECURITY;
        ALTER TABLE prospect_search FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON prospect_search
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        -- The row being written is the session's own (the prospects policy checked it); the function only
        -- copies it, as the owner, so the application role needs no rights on the table.
        CREATE FUNCTION app_prospect_search_sync() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
            $$ BEGIN
                   INSERT INTO prospect_search (prospect_id, team_id, search_text) VALUES (NEW.id, NEW.team_id, NEW.search_text)
                   ON CONFLICT (prospect_id) DO UPDATE SET search_text = EXCLUDED.search_text;
                   RETURN NULL;
               END $$;
        CREATE TRIGGER prospect_search_on_insert AFTER INSERT ON prospects FOR EACH ROW
            WHEN (current_setting('app.search_deferred', true) IS DISTINCT FROM 'on')
            EXECUTE FUNCTION app_prospect_search_sync();
        CREATE TRIGGER prospect_search_on_update AFTER UPDATE OF full_name, company ON prospects FOR EACH ROW
            WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
            EXECUTE FUNCTION app_prospect_search_sync();

        -- After an import commits: its new prospects, limited to the session's team.
        CREATE FUNCTION app_index_prospect_search(import uuid) RETURNS integer
            LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS
            $$ WITH filled AS (
                   INSERT INTO prospect_search (prospect_id, team_id, search_text)
                   SELECT p.id, p.team_id, p.search_text FROM prospects p
                   WHERE p.team_id = app_current_team() AND p.import_id = $1
                   ON CONFLICT (prospect_id) DO NOTHING
                   RETURNING 1)
               SELECT count(*)::integer FROM filled $$;

        -- At start-up, for an import whose node stopped between its commit and the fill. Owner only.
        CREATE FUNCTION app_repair_prospect_search() RETURNS integer
            LANGUAGE sql VOLATILE SET search_path = public, pg_temp AS
            $$ WITH filled AS (
                   INSERT INTO prospect_search (prospect_id, team_id, search_text)
                   SELECT p.id, p.team_id, p.search_text FROM prospects p
                   WHERE NOT EXISTS (SELECT 1 FROM prospect_search s WHERE s.prospect_id = p.id)
                   ON CONFLICT (prospect_id) DO NOTHING
                   RETURNING 1)
               SELECT count(*)::integer FROM filled $$;

        CREATE OR REPLACE FUNCTION app_prospects_matching(pattern text) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
            $$ SELECT prospect_id FROM prospect_search WHERE team_id = app_current_team() AND search_text LIKE pattern $$;

        REVOKE ALL ON FUNCTION app_prospect_search_sync() FROM PUBLIC;
        REVOKE ALL ON FUNCTION app_index_prospect_search(uuid) FROM PUBLIC;
        REVOKE ALL ON FUNCTION app_repair_prospect_search() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION app_index_prospect_search(uuid) TO outreach_app;
        REVOKE ALL ON prospect_search FROM outreach_app;
        GRANT SELECT ON prospect_search TO outreach_app;
        """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");
}
