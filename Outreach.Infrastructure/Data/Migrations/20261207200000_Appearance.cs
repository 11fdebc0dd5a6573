using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>Each user's light or dark console, remembered on the account (every existing user follows the system).</summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261207200000_Appearance")]
public sealed class Appearance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE users ADD COLUMN appearance character varying(16) NOT NULL DEFAULT 'System';");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE users DROP COLUMN appearance;");
}
