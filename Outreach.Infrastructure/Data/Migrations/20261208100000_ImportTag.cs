using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>The tag an import puts on every prospect it creates or updates (none for every earlier import).</summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261208100000_ImportTag")]
public sealed class ImportTag : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE prospect_imports ADD COLUMN tag character varying(40);");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE prospect_imports DROP COLUMN tag;");
}
