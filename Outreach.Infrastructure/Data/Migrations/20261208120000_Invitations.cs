using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>Invitations to join a team: the only way into a team besides an installation administrator.</summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261208120000_Invitations")]
public sealed class Invitations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE invitations (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            email character varying(256) NOT NULL,
            role character varying(16) NOT NULL,
            token_hash character varying(64) NOT NULL,
            created_by uuid NOT NULL,
            created_at timestamp with time zone NOT NULL,
            expires_at timestamp with time zone NOT NULL,
            accepted_at timestamp with time zone,
            accepted_by uuid,
            revoked_at timestamp with time zone,
            CONSTRAINT pk_invitations PRIMARY KEY (id),
            CONSTRAINT fk_invitations_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE,
            CONSTRAINT fk_invitations_users_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE RESTRICT
        );
        CREATE UNIQUE INDEX ix_invitations_token_hash ON invitations (token_hash);
        CREATE INDEX ix_invitations_team_id_email ON invitations (team_id, email);
        CREATE INDEX ix_invitations_email ON invitations (email);
        CREATE INDEX ix_invitations_created_by ON invitations (created_by);

        ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
        ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON invitations
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));
        """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TABLE invitations;");
}
