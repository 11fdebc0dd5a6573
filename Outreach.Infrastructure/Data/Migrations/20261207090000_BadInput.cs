using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// A rejected import row keeps its cells one by one, so that the rejected-rows report has the upload's own
/// columns and can be fixed and imported again. Rows rejected before this keep only their joined text.
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261207090000_BadInput")]
public sealed class BadInput : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE import_rejections ADD COLUMN cells text[];");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");
}
