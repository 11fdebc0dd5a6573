using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging;
using Outreach.TestSupport;

namespace Outreach.Infrastructure.Tests.Campaigns;

/// <summary>
/// Two nodes on one migrated database, the scheduler off (tests drive the pump themselves) and a recording
/// provider instead of the simulator. Each test makes its own team, so tests never see each other's rows.
/// Recipients live in a fixed-offset zone where it is mid-day now, so sending hours never interfere.
/// </summary>
public sealed class CampaignCluster : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public IHost NodeA { get; private set; } = null!;
    public IHost NodeB { get; private set; } = null!;
    public RecordingProvider Provider { get; } = new();
    public string Connection => _database.ConnectionString;

    /// <summary>An IANA zone in which it is about 13:00 right now.</summary>
    public static string MiddayZone() => TestZones.Midday();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("campaigns");
        var settings = new Dictionary<string, string?>
        {
            ["Outreach:Messaging:Queue:Enabled"] = "false",
            ["Outreach:Messaging:Queue:PacingMilliseconds"] = "0",
            ["Outreach:Messaging:Queue:PollMilliseconds"] = "20",
            ["Outreach:Campaigns:Parallelism"] = "6",
            ["Outreach:Campaigns:BatchSize"] = "100",
            // Small batches, so that two follow-up executors racing both get some.
            ["Outreach:Automation:BatchSize"] = "5",
        };
        NodeA = TestNode.Build(_database.ConnectionString, "campaign-a", settings: settings, services: s => s.AddSingleton<ISmsProviderRegistry>(Provider));
        NodeB = TestNode.Build(_database.ConnectionString, "campaign-b", settings: settings, services: s => s.AddSingleton<ISmsProviderRegistry>(Provider));
        await OutreachDatabase.MigrateAsync(NodeA.Services);
    }

    private int _lastPrefix = 199;

    /// <summary>Each team's numbers get an exchange of their own (random ones collided now and then); never N11 or 555.</summary>
    private int NextPrefix()
    {
        int prefix;
        do
        {
            prefix = Interlocked.Increment(ref _lastPrefix);
        }
        while (prefix % 100 == 11 || prefix == 555);
        return prefix;
    }

    public async Task<Guid> TeamAsync(string name, int numbers)
    {
        await using var db = NodeA.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        var team = Team.Create(name, "America/Chicago", TimeProvider.System);
        db.Add(team);
        var settings = MessagingSettings.CreateDefault(team.Id, TimeProvider.System);
        settings.ChangeQuietHours(new TimeOnly(8, 0), new TimeOnly(21, 0), TimeProvider.System);
        db.Add(settings);
        var prefix = NextPrefix();
        for (var i = 0; i < numbers; i++)
        {
            db.Add(SendingNumber.Register(team.Id, string.Create(CultureInfo.InvariantCulture, $"+1737{prefix}{i:0000}"), SmsProviderNames.Simulator, null, TimeProvider.System));
        }
        await db.SaveChangesAsync();
        return team.Id;
    }

    /// <summary>Prospects tagged <paramref name="tag"/>, with valid Texas numbers, in the mid-day zone.</summary>
    public async Task TagProspectsAsync(Guid teamId, string tag, int count, int exchange)
    {
        await using (var db = NodeA.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext())
        {
            for (var i = 0; i < count; i++)
            {
                var values = new string?[Enum.GetValues<ProspectField>().Length];
                values[(int)ProspectField.FirstName] = "Pat" + i.ToString(CultureInfo.InvariantCulture);
                values[(int)ProspectField.Company] = "Co " + i.ToString(CultureInfo.InvariantCulture);
                values[(int)ProspectField.Phone] = string.Create(CultureInfo.InvariantCulture, $"+1512{exchange}{i:0000}");
                values[(int)ProspectField.State] = "TX";
                var prospect = Prospect.Create(teamId, ProspectRows.Normalize(values).Prospect!, TimeProvider.System);
                prospect.AddTag(tag, TimeProvider.System);
                db.Add(prospect);
            }
            await db.SaveChangesAsync();
        }
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE prospects SET time_zone = @zone WHERE team_id = @team", connection);
        command.Parameters.AddWithValue("zone", MiddayZone());
        command.Parameters.AddWithValue("team", teamId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<Campaign> StartCampaignAsync(Guid teamId, CampaignPlan plan)
    {
        await using var scope = Scope(NodeA, teamId);
        var service = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var campaign = await service.CreateAsync(plan, new AuditActor(null, "tester"), default);
        return await service.TransitionAsync(campaign.Id, CampaignState.Running, null, new AuditActor(null, "tester"), default);
    }

    public static CampaignPlan Plan(string tag, params CampaignStep[] steps) => CampaignPlan.Default("Test " + tag) with
    {
        Audience = new CampaignAudience(AudienceKind.Tags, Tags: [tag]),
        Steps = steps.Length == 0 ? [new CampaignStep(0, "Hi {{first_name|there}}, a question about {{company}}.")] : steps,
        WindowStart = new TimeOnly(8, 0),
        WindowEnd = new TimeOnly(21, 0),
        Days = Enum.GetValues<DayOfWeek>().ToHashSet(),
        ThrottlePerMinute = 100_000,
        DailyCap = 1_000_000,
    };

    public static AsyncServiceScope Scope(IHost node, Guid teamId)
    {
        var scope = node.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Tenancy.TenantScope>().Set(teamId, null);
        return scope;
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public OutreachDbContext System() => NodeA.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();

    public async Task DisposeAsync()
    {
        NodeA.Dispose();
        NodeB.Dispose();
        await _database.DisposeAsync();
    }
}

/// <summary>A provider that accepts everything and records when each message reached it.</summary>
public sealed class RecordingProvider : ISmsProviderRegistry, ISmsProvider
{
    public ConcurrentQueue<(Guid MessageId, DateTimeOffset At)> Calls { get; } = new();

    public string Name => SmsProviderNames.Simulator;

    public ISmsProvider Get(string name) => this;

    public bool IsConfigured(string name) => true;

    public async Task<ProviderSendResult> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue((request.MessageId, DateTimeOffset.UtcNow));
        await Task.Delay(2, cancellationToken);
        return ProviderSendResult.Sent("SM" + request.MessageId.ToString("N"), 1, 0.0075m);
    }

    public Task<string?> FindPreviousSendAsync(ProviderSendRequest request, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
