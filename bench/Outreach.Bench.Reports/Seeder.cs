using Npgsql;

namespace Outreach.Bench.Reports;

/// <summary>One team's history written in SQL on the server, so the benchmark process starts the exports small.</summary>
public sealed class Seeder(string connectionString)
{
    public const int Days = 30;

    public async Task<Guid> TeamAsync(int messages, int prospects)
    {
        var team = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var conversations = Math.Max(1, Math.Min(messages / 10, Math.Max(prospects, 1)));
        var batches = new[]
        {
            """
            INSERT INTO teams (id, name, slug, time_zone, created_at) VALUES (@team, 'Bench team', 'bench-' || left(@team::text, 8), 'America/Chicago', now());
            INSERT INTO sending_numbers (id, team_id, number, provider, label, is_active, next_slot_at, created_at)
            SELECT gen_random_uuid(), @team, '+1737240' || lpad(n::text, 4, '0'), 'simulator', 'Bench ' || n, true, now(), now() FROM generate_series(1, 5) n;
            """,
            // Prospects: a tenth of them carry the conversations; values vary like an imported list (states, sectors, tiers, a formula to neutralise now and then).
            """
            INSERT INTO prospects (id, team_id, full_name, first_name, last_name, company, title, phone, email, state, city, sector, revenue, revenue_tier,
                                   employees, tags, custom_fields, status, engagement_score, do_not_contact, email_verified, is_owner_or_executive, created_at, updated_at)
            SELECT gen_random_uuid(), @team,
                   CASE WHEN n % 997 = 0 THEN '=HYPERLINK("http://x")' ELSE 'Person ' || n END, 'Person', 'N' || n, 'Company ' || (n % 5000), 'Owner',
                   '+1737' || lpad((2000000 + n)::text, 7, '0'), 'p' || n || '@example.com',
                   (ARRAY['TX','CA','FL','NY','IL','OH','GA','NC'])[1 + n % 8], 'City ' || (n % 300),
                   (ARRAY['Construction','Retail','Healthcare','Manufacturing','Services'])[1 + n % 5], (n % 90 + 1) * 100000,
                   (ARRAY['Startup','MainStreet','Growth','Established','Enterprise'])[1 + n % 5], n % 400,
                   ARRAY['bench', 'list-' || (n % 7)], '{}', 'New', 0, false, n % 3 = 0, n % 2 = 0, now(), now()
            FROM generate_series(1, @prospects) n;
            """,
            """
            INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority, unread_count, created_at)
            SELECT gen_random_uuid(), @team, p.id, numbers.ids[1 + p.rn % 5], p.phone, 'Open', 'Other', 'Cold', 0, now() - interval '30 days'
            FROM (SELECT id, phone, row_number() OVER (ORDER BY id) AS rn FROM prospects WHERE team_id = @team ORDER BY id LIMIT @conversations) p,
                 (SELECT array_agg(id ORDER BY number) AS ids FROM sending_numbers WHERE team_id = @team) numbers;
            """,
            // Messages: three sends to one reply, spread over the last 30 days, with costs, agents and classifications.
            """
            WITH c AS (SELECT id, prospect_phone, row_number() OVER (ORDER BY id) - 1 AS rn FROM conversations WHERE team_id = @team)
            INSERT INTO messages (id, team_id, conversation_id, direction, source, body, "from", "to", status, provider, segments, cost, attempts,
                                  sent_by_user_id, sent_by_name, classification, extracted_email, created_at, sent_at, delivered_at)
            SELECT gen_random_uuid(), @team, c.id,
                   CASE WHEN n % 4 = 3 THEN 'Inbound' ELSE 'Outbound' END,
                   CASE WHEN n % 4 = 3 THEN NULL WHEN n % 4 = 2 THEN 'Manual' ELSE 'Campaign' END,
                   'Hello, this is message number ' || n || ' about your business. Reply STOP to opt out.',
                   '+17372400001', c.prospect_phone,
                   CASE WHEN n % 50 = 0 THEN 'Failed' ELSE 'Delivered' END, 'simulator', 1, CASE WHEN n % 4 = 3 THEN NULL ELSE 0.0079 END, 1,
                   CASE WHEN n % 4 = 2 THEN '00000000-0000-0000-0000-00000000000' || (n % 3 + 1) END::uuid,
                   CASE WHEN n % 4 = 2 THEN 'Agent ' || (n % 3 + 1) END,
                   CASE WHEN n % 4 = 3 THEN (ARRAY['Interested','NotInterested','Question','OptOut','EmailCaptured','Other'])[1 + (n / 4) % 6] END,
                   CASE WHEN n % 4 = 3 AND (n / 4) % 6 = 4 THEN 'lead' || n || '@example.com' END,
                   now() - (interval '30 days' * (n::double precision / @messages)),
                   CASE WHEN n % 4 <> 3 THEN now() - (interval '30 days' * (n::double precision / @messages)) END,
                   CASE WHEN n % 50 <> 0 THEN now() - (interval '30 days' * (n::double precision / @messages)) END
            FROM generate_series(1, @messages) n
            JOIN c ON c.rn = n % @conversations;
            """,
            // As the ingest does: a reply answers the last message handed over before it.
            """
            UPDATE messages SET answers_message_id = app_answered_message(conversation_id, created_at)
            WHERE team_id = @team AND direction = 'Inbound';
            """,
            "ANALYZE prospects; ANALYZE messages; ANALYZE conversations;",
        };
        foreach (var sql in batches)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 1800 };
            command.Parameters.AddWithValue("team", team);
            command.Parameters.AddWithValue("prospects", Math.Max(prospects, conversations));
            command.Parameters.AddWithValue("messages", messages);
            command.Parameters.AddWithValue("conversations", conversations);
            await command.ExecuteNonQueryAsync();
        }
        return team;
    }
}
