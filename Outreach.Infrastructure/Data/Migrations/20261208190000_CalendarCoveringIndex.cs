using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// The due-enrollment index carries the campaign and the team, so the calendar's week grid counts
/// scheduled sends without visiting the table (an index-only scan, row-level security's team check
/// included). The engine's claim keeps its order: next_due_at still leads.
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261208190000_CalendarCoveringIndex")]
public sealed class CalendarCoveringIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX ix_campaign_enrollments_due;
        CREATE INDEX ix_campaign_enrollments_due ON campaign_enrollments (next_due_at, campaign_id, team_id)
            WHERE state IN ('Pending', 'Active');
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX ix_campaign_enrollments_due;
        CREATE INDEX ix_campaign_enrollments_due ON campaign_enrollments (next_due_at) WHERE state IN ('Pending', 'Active');
        """);
}
