using Npgsql;

namespace Outreach.Infrastructure.Tests.Reports;

/// <summary>
/// Writes report test data as rows, the way the webhook and the queue leave them, through the owner's
/// connection: teams, numbers, prospects, campaigns, conversations, messages in and out, enrichment lookups.
/// </summary>
public sealed class ReportSeed(string connectionString)
{
    public async Task<Guid> TeamAsync(string name, string timeZone)
    {
        var id = Guid.NewGuid();
        await ExecAsync("INSERT INTO teams (id, name, slug, time_zone, created_at) VALUES (@id, @name, @slug, @tz, now())",
            ("id", id), ("name", name), ("slug", name.ToLowerInvariant().Replace(' ', '-') + "-" + id.ToString("N")[..6]), ("tz", timeZone));
        return id;
    }

    public async Task<Guid> NumberAsync(Guid team, string number, string? label)
    {
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO sending_numbers (id, team_id, number, provider, label, is_active, next_slot_at, created_at)
            VALUES (@id, @team, @number, 'simulator', @label, true, now(), now())
            """, ("id", id), ("team", team), ("number", number), ("label", (object?)label ?? DBNull.Value));
        return id;
    }

    /// <summary>A running SMS campaign; only its name and budget matter to reports.</summary>
    public async Task<Guid> CampaignAsync(Guid team, string name, decimal? budget)
    {
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO campaigns (id, team_id, name, channel, state, audience, steps, window_start, window_end, days, throttle_per_minute,
                                   daily_cap, budget, max_follow_ups, stop_on_reply, number_pool, require_approval, kill_switch_engaged,
                                   reserved_spend, spent, enrolled, excluded_do_not_contact, created_by, created_at, updated_at)
            VALUES (@id, @team, @name, 'Sms', 'Running', '{}', '[]', '09:00', '17:00', 127, 60, 1000, @budget, 3, true, ARRAY[]::uuid[], false, false,
                    0, 0, 0, 0, 'report test', now(), now())
            """, ("id", id), ("team", team), ("name", name), ("budget", (object?)budget ?? DBNull.Value));
        return id;
    }

    public Task MonthlyBudgetAsync(Guid team, decimal budget) =>
        ExecAsync("""
            INSERT INTO team_sending_limits (team_id, monthly_budget, max_per_prospect_per_day, max_per_prospect_per_week, updated_at)
            VALUES (@team, @budget, 3, 10, now())
            """, ("team", team), ("budget", budget));

    public async Task<Guid> ProspectAsync(Guid team, string phone, string? state, string? sector, string? tier, string? name = null)
    {
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO prospects (id, team_id, full_name, phone, state, sector, revenue_tier, tags, custom_fields, status, engagement_score,
                                   do_not_contact, email_verified, is_owner_or_executive, created_at, updated_at)
            VALUES (@id, @team, @name, @phone, @state, @sector, @tier, ARRAY[]::text[], '{}', 'New', 0, false, false, false, now(), now())
            """, ("id", id), ("team", team), ("name", (object?)name ?? DBNull.Value), ("phone", phone), ("state", (object?)state ?? DBNull.Value),
            ("sector", (object?)sector ?? DBNull.Value), ("tier", (object?)tier ?? DBNull.Value));
        return id;
    }

    public async Task<Guid> ConversationAsync(Guid team, Guid prospect, Guid number, string phone)
    {
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority, unread_count, created_at)
            VALUES (@id, @team, @prospect, @number, @phone, 'Open', 'Other', 'Cold', 0, now())
            """, ("id", id), ("team", team), ("prospect", prospect), ("number", number), ("phone", phone));
        return id;
    }

    /// <summary>An outbound message; <paramref name="sentAt"/> doubles as its creation time unless given.</summary>
    public Task<Guid> OutboundAsync(Guid team, Guid conversation, string source, string status, DateTimeOffset at, decimal? cost,
        Guid? agent = null, string? agentName = null, DateTimeOffset? sentAt = null, DateTimeOffset? failedAt = null, string body = "Hello",
        (Guid Campaign, int Step)? campaign = null)
    {
        var delivered = status == "Delivered" ? at : (DateTimeOffset?)null;
        return MessageAsync(team, conversation, "Outbound", source, status, body, at, cost, agent, agentName, null, null,
            status is "Queued" or "Canceled" or "Failed" ? sentAt : sentAt ?? at, delivered, failedAt, campaign);
    }

    public Task<Guid> InboundAsync(Guid team, Guid conversation, string kind, DateTimeOffset at, string? email = null, string body = "reply") =>
        MessageAsync(team, conversation, "Inbound", null, "Delivered", body, at, null, null, null, kind, email, null, at, null, null);

    public Task LookupAsync(Guid team, decimal cost, DateTimeOffset at) =>
        ExecAsync("""
            INSERT INTO enrichment_lookups (team_id, provider, person_key, result, cost, looked_up_at)
            VALUES (@team, 'apollo', @key, '{}', @cost, @at)
            """, ("team", team), ("key", Guid.NewGuid().ToString("N")), ("cost", cost), ("at", at));

    public async Task ExecAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync();
    }

    private async Task<Guid> MessageAsync(Guid team, Guid conversation, string direction, string? source, string status, string body, DateTimeOffset createdAt,
        decimal? cost, Guid? agent, string? agentName, string? kind, string? email, DateTimeOffset? sentAt, DateTimeOffset? deliveredAt, DateTimeOffset? failedAt,
        (Guid Campaign, int Step)? campaign)
    {
        var id = Guid.NewGuid();
        await ExecAsync("""
            INSERT INTO messages (id, team_id, conversation_id, direction, source, body, "from", "to", status, provider, segments, cost, attempts,
                                  sent_by_user_id, sent_by_name, classification, extracted_email, created_at, sent_at, delivered_at, failed_at,
                                  campaign_id, campaign_step, answers_message_id)
            VALUES (@id, @team, @conversation, @direction, @source, @body, '+15122400301', '+15122411001', @status, 'simulator', 1, @cost, 1,
                    @agent, @agent_name, @kind, @email, @created_at, @sent_at, @delivered_at, @failed_at, @campaign_id, @campaign_step,
                    -- As the ingest does: a reply answers the last message handed over before it.
                    CASE WHEN @direction = 'Inbound' THEN app_answered_message(@conversation, @created_at) END)
            """,
            ("id", id), ("team", team), ("conversation", conversation), ("direction", direction), ("source", (object?)source ?? DBNull.Value),
            ("body", body), ("status", status), ("cost", (object?)cost ?? DBNull.Value), ("agent", (object?)agent ?? DBNull.Value),
            ("agent_name", (object?)agentName ?? DBNull.Value), ("kind", (object?)kind ?? DBNull.Value), ("email", (object?)email ?? DBNull.Value),
            ("created_at", createdAt), ("sent_at", (object?)sentAt ?? DBNull.Value), ("delivered_at", (object?)deliveredAt ?? DBNull.Value),
            ("failed_at", (object?)failedAt ?? DBNull.Value),
            ("campaign_id", (object?)campaign?.Campaign ?? DBNull.Value), ("campaign_step", (object?)campaign?.Step ?? DBNull.Value));
        return id;
    }
}
