using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// The inbox shows only conversations the prospect wrote in (<c>last_inbound_at IS NOT NULL</c>, see
/// <c>InboxQueries.InTriageSql</c>). A campaign opens one conversation per recipient and most never get a reply,
/// so the inbox's indexes leave those out: each tab's list and each count stays a scan of triaged rows only (the
/// counts index-only), instead of walking past every conversation a campaign opened.
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261207100000_TriageNoise")]
public sealed class TriageNoise : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Indexes);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");

    private const string Indexes = """
        DROP INDEX ix_conversations_team_id_last_message_at;
        DROP INDEX ix_conversations_team_id_waiting_since;
        DROP INDEX ix_conversations_team_id_status_bucket;
        DROP INDEX ix_conversations_team_id_assignee_id_status_last_message_at;
        DROP INDEX ix_conversations_team_id_unread;
        DROP INDEX ix_conversations_team_id_hot_waiting_since;
        DROP INDEX ix_conversations_team_id_status_last_message_at;
        DROP INDEX ix_conversations_team_id_bucket_last_message_at;

        CREATE INDEX ix_conversations_team_id_last_message_at ON conversations (team_id, last_message_at)
            WHERE last_inbound_at IS NOT NULL;
        CREATE INDEX ix_conversations_team_id_waiting_since ON conversations (team_id, waiting_since)
            WHERE last_inbound_at IS NOT NULL;
        CREATE INDEX ix_conversations_team_id_status_bucket ON conversations (team_id, status, bucket)
            WHERE last_inbound_at IS NOT NULL;
        CREATE INDEX ix_conversations_team_id_assignee_id_status_last_message_at ON conversations (team_id, assignee_id, status, last_message_at)
            WHERE last_inbound_at IS NOT NULL;
        CREATE INDEX ix_conversations_team_id_unread ON conversations (team_id)
            WHERE status = 'Open' AND unread_count > 0 AND last_inbound_at IS NOT NULL;
        CREATE INDEX ix_conversations_team_id_hot_waiting_since ON conversations (team_id, waiting_since)
            WHERE status = 'Open' AND priority = 'Hot' AND last_inbound_at IS NOT NULL;
        CREATE INDEX ix_conversations_team_id_status_last_message_at ON conversations (team_id, status, last_message_at)
            WHERE last_inbound_at IS NOT NULL;
        CREATE INDEX ix_conversations_team_id_bucket_last_message_at ON conversations (team_id, bucket, last_message_at)
            WHERE last_inbound_at IS NOT NULL;
        """;
}
