using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>Which teams receive the weekly summary workbook by e-mail, and the last week each was sent.</summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261122070000_WeeklyReports")]
public sealed class WeeklyReports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE weekly_report_subscriptions (
            team_id uuid NOT NULL,
            enabled boolean NOT NULL,
            recipients character varying(1000) NOT NULL,
            last_sent_week date,
            updated_at timestamp with time zone NOT NULL,
            CONSTRAINT pk_weekly_report_subscriptions PRIMARY KEY (team_id),
            CONSTRAINT fk_weekly_report_subscriptions_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        ALTER TABLE weekly_report_subscriptions ENABLE ROW LEVEL SECURITY;
        ALTER TABLE weekly_report_subscriptions FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON weekly_report_subscriptions
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));
        """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");
}
