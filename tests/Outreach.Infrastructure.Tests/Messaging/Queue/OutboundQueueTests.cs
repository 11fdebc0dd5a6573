using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Suppression;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Suppression;
using Outreach.Infrastructure.Tenancy;
using Outreach.TestSupport;

namespace Outreach.Infrastructure.Tests.Messaging.Queue;

/// <summary>
/// Queueing a message: the guardrails first (suppression blocks, sending hours defer to the recipient's
/// morning), then the number's pacing slot, the conversation and the idempotency key. The clock is fixed
/// so that sending hours are tested at known moments; the dispatcher is off, nothing is sent.
/// </summary>
public sealed class OutboundQueueTests(OutboundQueueTests.QueueNode node) : IClassFixture<OutboundQueueTests.QueueNode>
{
    [Fact]
    public async Task Sends_to_one_number_are_paced_and_a_repeated_key_queues_nothing_new()
    {
        var prospect = await ProspectAsync("+15122411001", "TX");

        var first = await SendAsync(prospect, "one", key: "k-1");
        var second = await SendAsync(prospect, "two", key: "k-2");
        var repeat = await SendAsync(prospect, "one again", key: "k-1");

        Assert.True(first.IsQueued && second.IsQueued && repeat.IsQueued);
        Assert.True(repeat.Duplicate);
        Assert.Equal(first.MessageId, repeat.MessageId);
        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.Equal(TimeSpan.FromSeconds(1), second.ScheduledFor - first.ScheduledFor);
        await using var db = Context();
        var messages = await db.Set<Message>().Where(m => m.ConversationId == first.ConversationId).ToListAsync();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal("+15122400201", m.From));
    }

    [Fact]
    public async Task A_suppressed_number_is_blocked_with_its_reason_recorded_and_nothing_queued()
    {
        var prospect = await ProspectAsync("+15122411002", "TX");
        await using (var scope = Scope())
        {
            await scope.ServiceProvider.GetRequiredService<SuppressionList>().AddAsync(
                SuppressionChannel.Sms, "+15122411002", SuppressionReason.OptOutKeyword, "test", "STOP", new(null, "test"), default);
        }

        var result = await SendAsync(prospect, "hello", key: "blocked");

        Assert.False(result.IsQueued);
        Assert.Equal(GuardrailReason.Suppressed, result.Decision.Reason);
        await using var db = Context();
        Assert.False(await db.Set<Message>().AnyAsync(m => m.IdempotencyKey == "blocked"));
        Assert.True(await db.Set<GuardrailEvent>().AnyAsync(e => e.Recipient == "+15122411002" && e.Reason == GuardrailReason.Suppressed));
    }

    [Fact]
    public async Task Outside_the_recipients_sending_hours_a_message_waits_for_their_morning()
    {
        var prospect = await ProspectAsync("+18082411003", "HI");

        var result = await SendAsync(prospect, "aloha", key: "hawaii");

        Assert.True(result.IsQueued);
        Assert.Equal(GuardrailOutcome.Defer, result.Decision.Outcome);
        // The team's hours start at 09:00 in Honolulu (UTC-10): 19:00 UTC the same day.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 19, 0, 0, TimeSpan.Zero), result.ScheduledFor);
        Assert.Equal("+18082400202", (await Context().Set<Message>().SingleAsync(m => m.IdempotencyKey == "hawaii")).From);
    }

    [Fact]
    public async Task A_paused_team_sends_nothing_and_says_why()
    {
        var prospect = await ProspectAsync("+15122411004", "TX");
        await using (var scope = Scope())
        {
            await scope.ServiceProvider.GetRequiredService<MessagingAdministration>().PauseAsync("Investigating a complaint", new(null, "test"), default);
        }

        var result = await SendAsync(prospect, "hello", key: "paused");

        await using (var scope = Scope())
        {
            await scope.ServiceProvider.GetRequiredService<MessagingAdministration>().ResumeAsync(new(null, "test"), default);
        }
        Assert.False(result.IsQueued);
        Assert.Equal(GuardrailReason.TeamKillSwitch, result.Decision.Reason);
    }

    private async Task<QueueResult> SendAsync(Guid prospectId, string body, string key)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<OutboundQueue>().SendAsync(new OutboundRequest(prospectId, body, MessageSource.Manual, key), default);
    }

    private async Task<Guid> ProspectAsync(string phone, string state)
    {
        var values = new string?[Enum.GetValues<ProspectField>().Length];
        values[(int)ProspectField.Company] = "Test Co " + phone;
        values[(int)ProspectField.Phone] = phone;
        values[(int)ProspectField.State] = state;
        var prospect = Prospect.Create(node.Team, ProspectRows.Normalize(values).Prospect!, node.Clock);
        await using var db = Context();
        db.Add(prospect);
        await db.SaveChangesAsync();
        return prospect.Id;
    }

    private AsyncServiceScope Scope()
    {
        var scope = node.Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(node.Team, null);
        return scope;
    }

    private OutreachDbContext Context()
    {
        var scope = new TenantScope();
        scope.Set(node.Team, null);
        return new TenantDbContextFactory(node.Host.Services.GetRequiredService<DbContextOptions<OutreachDbContext>>(), scope).CreateDbContext();
    }

    /// <summary>One migrated database and node for the class; each test uses prospects of its own.</summary>
    public sealed class QueueNode : IAsyncLifetime
    {
        // 18:00 UTC: noon in Texas (inside the sending hours), 08:00 in Hawaii (before them).
        public static readonly DateTimeOffset Noon = new(2026, 11, 24, 18, 0, 0, TimeSpan.Zero);
        private TestDatabase _database = null!;

        public FixedClock Clock { get; } = new(Noon);
        public IHost Host { get; private set; } = null!;
        public Guid Team { get; private set; }

        public async Task InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync("queue");
            Host = TestNode.Build(_database.ConnectionString, "queue-node",
                settings: new Dictionary<string, string?> { ["Outreach:Messaging:Queue:Enabled"] = "false", ["Outreach:Messaging:Queue:PacingMilliseconds"] = "1000" },
                services: s => s.AddSingleton<TimeProvider>(Clock));
            await OutreachDatabase.MigrateAsync(Host.Services);
            await using var db = Host.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
            var team = Domain.Teams.Team.Create("Queue team", "America/Chicago", Clock);
            db.Add(team);
            db.Add(MessagingSettings.CreateDefault(team.Id, Clock));
            db.Add(SendingNumber.Register(team.Id, "+15122400201", SmsProviderNames.Simulator, null, Clock));
            db.Add(SendingNumber.Register(team.Id, "+18082400202", SmsProviderNames.Simulator, null, Clock));
            await db.SaveChangesAsync();
            Team = team.Id;
        }

        public async Task DisposeAsync()
        {
            Host.Dispose();
            await _database.DisposeAsync();
        }
    }

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
