using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// Free-text and tag search for the prospect grid. Under row-level security PostgreSQL applies a query's
/// conditions after the policy unless their operators are leakproof, and LIKE and array containment are
/// not: the trigram and tag indexes would never be used, and a search over a million prospects becomes a
/// scan. These functions run the indexed search as the owner, limited explicitly to the session's team
/// (the same setting the policies read), and return ids, which the team's own query then filters with a
/// leakproof equality under the policy as usual.
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261122040000_ProspectSearchFunctions")]
public sealed class ProspectSearchFunctions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE FUNCTION app_prospects_matching(pattern text) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
            $$ SELECT id FROM prospects
               WHERE team_id = app_current_team() AND deleted_at IS NULL AND search_text LIKE pattern $$;

        CREATE FUNCTION app_prospects_tagged(tag text) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
            $$ SELECT id FROM prospects
               WHERE team_id = app_current_team() AND deleted_at IS NULL AND tags @> ARRAY[tag] $$;

        REVOKE ALL ON FUNCTION app_prospects_matching(text) FROM PUBLIC;
        REVOKE ALL ON FUNCTION app_prospects_tagged(text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION app_prospects_matching(text) TO outreach_app;
        GRANT EXECUTE ON FUNCTION app_prospects_tagged(text) TO outreach_app;
        """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");
}
