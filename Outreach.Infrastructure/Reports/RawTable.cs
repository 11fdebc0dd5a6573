using Npgsql;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Reports.Xlsx;

namespace Outreach.Infrastructure.Reports;

/// <summary>
/// A table exported row by row from the database (never loaded whole): its columns, its query (team-scoped by
/// row-level security and by an explicit team filter) and who may export it.
/// </summary>
public sealed record RawTable(
    string Slug,
    string Title,
    Permission Permission,
    bool LimitedToPeriod,
    IReadOnlyList<XlsxColumn> Columns,
    string Sql)
{
    /// <summary>The least role that may export it, from the permission table.</summary>
    public TeamRole MinimumRole => Permissions.MinimumRole(Permission);

    public object?[] Read(NpgsqlDataReader reader)
    {
        var values = new object?[Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
            {
                string[] list => string.Join("; ", list),
                var v => v,
            };
        }
        return values;
    }
}

public static class RawTables
{
    public static readonly RawTable Messages = new("messages", "Messages", Permission.ExportRawData, true,
    [
        new("Created", XlsxKind.DateTime), new("Direction", XlsxKind.Text), new("Source", XlsxKind.Text), new("Status", XlsxKind.Text),
        new("From", XlsxKind.Text, 16), new("To", XlsxKind.Text, 16), new("Body", XlsxKind.Text, 60), new("Segments", XlsxKind.Integer),
        new("Cost", XlsxKind.Currency), new("Agent", XlsxKind.Text, 20), new("Classification", XlsxKind.Text), new("Confidence", XlsxKind.Integer),
        new("E-mail captured", XlsxKind.Text, 28), new("Sent", XlsxKind.DateTime), new("Delivered", XlsxKind.DateTime), new("Failed", XlsxKind.DateTime),
        new("Error", XlsxKind.Text), new("Conversation", XlsxKind.Text, 38),
    ],
        """
        SELECT m.created_at, m.direction, m.source, m.status, m."from", m."to", m.body, m.segments, m.cost, m.sent_by_name,
               m.classification, m.confidence, m.extracted_email, m.sent_at, m.delivered_at, m.failed_at, m.error_code, m.conversation_id::text
        FROM messages m
        WHERE m.team_id = app_current_team() AND m.created_at >= @start AND m.created_at < @end
        ORDER BY m.created_at, m.id
        """);

    public static readonly RawTable Conversations = new("conversations", "Conversations", Permission.ExportRawData, true,
    [
        new("Prospect", XlsxKind.Text, 24), new("Prospect phone", XlsxKind.Text, 16), new("Sending number", XlsxKind.Text, 16),
        new("Status", XlsxKind.Text), new("Bucket", XlsxKind.Text, 16), new("Priority", XlsxKind.Text), new("Last classification", XlsxKind.Text, 16),
        new("Assignee", XlsxKind.Text, 20), new("Unread", XlsxKind.Integer), new("Last message", XlsxKind.DateTime), new("Last inbound", XlsxKind.DateTime),
        new("Last outbound", XlsxKind.DateTime), new("Waiting since", XlsxKind.DateTime), new("Created", XlsxKind.DateTime), new("Id", XlsxKind.Text, 38),
    ],
        """
        SELECT coalesce(p.full_name, p.company), c.prospect_phone, sn.number, c.status, c.bucket, c.priority, c.last_classification,
               u.display_name, c.unread_count, c.last_message_at, c.last_inbound_at, c.last_outbound_at, c.waiting_since, c.created_at, c.id::text
        FROM conversations c
        JOIN prospects p ON p.id = c.prospect_id
        LEFT JOIN sending_numbers sn ON sn.id = c.sending_number_id
        LEFT JOIN users u ON u.id = c.assignee_id
        WHERE c.team_id = app_current_team() AND c.created_at < @end AND coalesce(c.last_message_at, c.created_at) >= @start
        ORDER BY c.created_at, c.id
        """);

    public static readonly RawTable Prospects = new("prospects", "Prospects", Permission.ExportRawData, false,
    [
        new("Name", XlsxKind.Text, 24), new("First name", XlsxKind.Text), new("Last name", XlsxKind.Text), new("Company", XlsxKind.Text, 28),
        new("Title", XlsxKind.Text, 20), new("Phone", XlsxKind.Text, 16), new("E-mail", XlsxKind.Text, 28), new("E-mail verified", XlsxKind.Boolean),
        new("City", XlsxKind.Text), new("State", XlsxKind.Text, 8), new("ZIP", XlsxKind.Text, 10), new("Sector", XlsxKind.Text, 20),
        new("Sub-sector", XlsxKind.Text, 20), new("Revenue", XlsxKind.Currency, 16), new("Revenue tier", XlsxKind.Text), new("Employees", XlsxKind.Integer),
        new("Score", XlsxKind.Integer), new("Status", XlsxKind.Text), new("Do not contact", XlsxKind.Boolean), new("Tags", XlsxKind.Text, 24),
        new("Created", XlsxKind.DateTime),
    ],
        """
        SELECT p.full_name, p.first_name, p.last_name, p.company, p.title, p.phone, p.email, p.email_verified, p.city, p.state, p.zip,
               p.sector, p.sub_sector, p.revenue, p.revenue_tier, p.employees, p.score, p.status, p.do_not_contact, p.tags, p.created_at
        FROM prospects p
        WHERE p.team_id = app_current_team() AND p.deleted_at IS NULL
        ORDER BY p.created_at, p.id
        """);

    public static readonly RawTable Suppression = new("suppression", "Suppression list", Permission.ExportRawData, false,
    [
        new("Channel", XlsxKind.Text), new("Value", XlsxKind.Text, 28), new("Reason", XlsxKind.Text, 16), new("Source", XlsxKind.Text, 24),
        new("Evidence", XlsxKind.Text, 40), new("Added", XlsxKind.DateTime),
    ],
        """
        SELECT s.channel, s.value, s.reason, s.source, s.evidence, s.created_at
        FROM suppressions s
        WHERE s.team_id = app_current_team()
        ORDER BY s.created_at, s.id
        """);

    public static readonly RawTable AuditLog = new("audit-log", "Audit log", Permission.ExportReports, true,
    [
        new("When", XlsxKind.DateTime), new("Who", XlsxKind.Text, 24), new("Action", XlsxKind.Text, 24), new("Summary", XlsxKind.Text, 60),
        new("From", XlsxKind.Text, 16), new("Details", XlsxKind.Text, 40),
    ],
        """
        SELECT a.occurred_at, a.actor_name, a.action, a.summary, a.ip_address, a.details::text
        FROM audit_entries a
        WHERE a.team_id = app_current_team() AND a.occurred_at >= @start AND a.occurred_at < @end
        ORDER BY a.occurred_at, a.id
        """);

    public static IReadOnlyList<RawTable> All { get; } = [Messages, Conversations, Prospects, Suppression, AuditLog];

    public static RawTable? Find(string slug) => All.FirstOrDefault(t => string.Equals(t.Slug, slug, StringComparison.OrdinalIgnoreCase));
}
