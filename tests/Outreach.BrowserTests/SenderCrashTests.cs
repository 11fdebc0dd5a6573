using Npgsql;
using Outreach.TestSupport;

namespace Outreach.BrowserTests;

/// <summary>
/// The outbound queue under a real crash: a console node is killed (SIGKILL) while the provider holds
/// messages it has accepted but not yet acknowledged. A second node must send every message exactly once:
/// the ones the provider already had are found by asking it, never sent again; the rest are sent.
/// </summary>
public sealed class SenderCrashTests : IAsyncLifetime
{
    private const int Messages = 40;
    private const string FromNumber = "+13125550000";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("outreach-crash-").FullName;
    private readonly FakeTwilio _twilio = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("crash");
        await _twilio.StartAsync();
    }

    [Fact]
    public async Task Killing_the_sender_mid_batch_neither_loses_nor_duplicates_a_message()
    {
        // The provider acknowledges the first 15 sends, then accepts but holds every answer back.
        _twilio.HoldAnswersAfter = 15;
        await using var first = Node("crash-a");
        await first.StartAsync();
        var teamId = await QueueMessagesAsync();

        await WaitUntilAsync(() => Task.FromResult(_twilio.SendRequests >= 20), "the first node to send two batches");
        first.Kill();
        var acceptedBeforeCrash = _twilio.SendRequests;
        _twilio.ReleaseHeld();
        _twilio.HoldAnswersAfter = int.MaxValue;

        await using var second = Node("crash-b");
        await second.StartAsync();
        await WaitUntilAsync(async () => await CountAsync("SELECT count(*) FROM messages WHERE status = 'Sent'") == Messages,
            "every message to be recorded as sent");

        Assert.True(acceptedBeforeCrash > 15, "The crash must happen with sends accepted but unacknowledged.");
        Assert.Equal(Messages, _twilio.BodiesReceived.Count);
        Assert.Equal(Messages, _twilio.BodiesReceived.Distinct().Count());
        Assert.Equal(Messages, await CountAsync("SELECT count(DISTINCT provider_message_id) FROM messages WHERE provider_message_id IS NOT NULL"));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM messages WHERE team_id <> '{teamId}'"));
    }

    private ConsoleNode Node(string name) =>
        new ConsoleNode(name, _database.ConnectionString, _dataDirectory)
            .With("Outreach__Messaging__Twilio__AccountSid", FakeTwilio.AccountSid)
            .With("Outreach__Messaging__Twilio__AuthToken", FakeTwilio.AuthToken)
            .With("Outreach__Messaging__Twilio__BaseUrl", _twilio.BaseUrl)
            .With("Outreach__Messaging__Queue__LeaseSeconds", "5")
            .With("Outreach__Messaging__Queue__PacingMilliseconds", "0")
            .With("Outreach__Messaging__Queue__BatchSize", "10")
            .With("Outreach__Messaging__Queue__MaxInFlight", "10")
            .With("Outreach__Messaging__Simulator__Enabled", "false");

    /// <summary>Prospects, a Twilio number, conversations and queued messages, written as the queue's own rows.</summary>
    private async Task<Guid> QueueMessagesAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $$"""
            WITH team AS (SELECT id FROM teams ORDER BY created_at LIMIT 1),
            number AS (
                INSERT INTO sending_numbers (id, team_id, number, provider, is_active, next_slot_at, created_at)
                SELECT gen_random_uuid(), team.id, '{{FromNumber}}', 'twilio', true, now(), now() FROM team
                RETURNING id, team_id
            ),
            prospects AS (
                INSERT INTO prospects (id, team_id, phone, tags, custom_fields, status, engagement_score, do_not_contact, email_verified,
                                       is_owner_or_executive, created_at, updated_at)
                SELECT gen_random_uuid(), number.team_id, '+1415240' || lpad(i::text, 4, '0'), '{}', '{}', 'New', 0, false, false, false, now(), now()
                FROM number, generate_series(1, {{Messages}}) AS i
                RETURNING id, team_id, phone
            ),
            conversations AS (
                INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority, unread_count, created_at)
                SELECT gen_random_uuid(), p.team_id, p.id, number.id, p.phone, 'Open', 'Other', 'Cold', 0, now()
                FROM prospects p, number
                RETURNING id, team_id, prospect_phone
            )
            INSERT INTO messages (id, team_id, conversation_id, direction, source, body, "from", "to", status, provider, idempotency_key,
                                  segments, attempts, next_attempt_at, created_at, status_updated_at)
            SELECT gen_random_uuid(), c.team_id, c.id, 'Outbound', 'Campaign', 'Hello from the crash test to ' || c.prospect_phone,
                   '{{FromNumber}}', c.prospect_phone, 'Queued', 'twilio', 'crash-' || c.prospect_phone, 1, 0, now(), now(), now()
            FROM conversations c
            RETURNING team_id
            """, connection);
        var teamId = (Guid)(await command.ExecuteScalarAsync())!;
        return teamId;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await _twilio.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
