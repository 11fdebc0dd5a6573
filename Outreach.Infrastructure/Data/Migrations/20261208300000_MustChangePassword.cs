using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// Accounts whose password someone else chose must change it at first sign-in. Existing accounts are not
/// flagged: their owners have been signing in with what they have.
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261208300000_MustChangePassword")]
public sealed class MustChangePassword : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE users DROP COLUMN must_change_password;");
}
