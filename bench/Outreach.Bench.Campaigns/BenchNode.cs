using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Domain.Auditing;
using Outreach.Domain.Campaigns;
using Outreach.Infrastructure;
using Outreach.Infrastructure.Campaigns;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Bench.Campaigns;

/// <summary>
/// One console node's infrastructure in this process (no web host, no scheduler: the benchmark drives the
/// pump), on a database of its own that is dropped at the end.
/// </summary>
public sealed class BenchNode : IAsyncDisposable
{
    private readonly string _server;

    private BenchNode(string server, string database, IHost host)
    {
        _server = server;
        Database = database;
        Host = host;
    }

    public string Database { get; }
    public IHost Host { get; }
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = Database }.ConnectionString;

    public static async Task<BenchNode> CreateAsync(string server, IReadOnlyDictionary<string, string?> settings, ISmsProviderRegistry? provider)
    {
        var database = "campaign_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var host = BenchHost.Build(connectionString, "bench", settings, services =>
        {
            if (provider is not null)
            {
                services.AddSingleton(provider);
            }
        });
        await OutreachDatabase.MigrateAsync(host.Services);
        return new BenchNode(server, database, host);
    }

    /// <summary>An IANA zone where it is about 13:00 now, so sending hours never decide a benchmark.</summary>
    public static string MiddayZone()
    {
        var offset = 13 - DateTime.UtcNow.Hour;
        offset = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
        return offset == 0 ? "Etc/UTC" : string.Create(CultureInfo.InvariantCulture, $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}");
    }

    public async Task<Guid> TeamAsync(int numbers)
    {
        var team = Guid.NewGuid();
        await ExecuteAsync("""
            INSERT INTO teams (id, name, slug, time_zone, created_at) VALUES (@team, 'Bench ' || @team, 'bench-' || @team, 'America/Chicago', now());
            INSERT INTO messaging_settings (team_id, sending_paused, quiet_hours_start, quiet_hours_end, auto_reply_enabled, auto_reply_threshold,
                                            max_concurrent_sends, classification_profile, updated_at)
            VALUES (@team, false, '08:00', '21:00', false, 90, 200, '{}', now());
            INSERT INTO sending_numbers (id, team_id, number, provider, label, area_code, state, is_active, next_slot_at, created_at)
            SELECT gen_random_uuid(), @team, '+1737' || lpad((200 + i / 10000)::text, 3, '0') || lpad((i % 10000)::text, 4, '0'), 'simulator', NULL, '737', NULL, true, now(), now()
            FROM generate_series(0, @numbers - 1) AS i;
            """, ("team", team), ("numbers", numbers));
        return team;
    }

    /// <summary>Prospects tagged <paramref name="tag"/>, numbered from <paramref name="first"/> (valid NANP numbers, distinct per index).</summary>
    public Task ProspectsAsync(Guid team, string tag, int first, int count) => ExecuteAsync("""
        INSERT INTO prospects (id, team_id, first_name, company, phone, time_zone, email_verified, is_owner_or_executive, custom_fields, status,
                               engagement_score, do_not_contact, created_at, updated_at, tags)
        SELECT gen_random_uuid(), @team, 'Pat' || i, 'Company ' || i,
               '+1512' || (200 + i / 10000)::text || lpad((i % 10000)::text, 4, '0'), @zone, false, false, '{}', 'New', 0, false, now(), now(), ARRAY[@tag]
        FROM generate_series(@first, @first + @count - 1) AS i
        """, ("team", team), ("tag", tag), ("first", first), ("count", count), ("zone", MiddayZone()));

    public async Task<Campaign> StartCampaignAsync(Guid team, string tag, decimal? budget = null)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
        var service = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var plan = CampaignPlan.Default("Bench " + tag) with
        {
            Audience = new CampaignAudience(AudienceKind.Tags, Tags: [tag]),
            Steps = [new CampaignStep(0, "Hi {{first_name|there}}, would you consider an offer for {{company|your business}}?")],
            WindowStart = new TimeOnly(8, 0),
            WindowEnd = new TimeOnly(21, 0),
            Days = Enum.GetValues<DayOfWeek>().ToHashSet(),
            ThrottlePerMinute = CampaignPlan.MaxThrottlePerMinute,
            DailyCap = 10_000_000,
            Budget = budget,
        };
        var actor = new AuditActor(null, "bench");
        var campaign = await service.CreateAsync(plan, actor, default);
        return await service.TransitionAsync(campaign.Id, CampaignState.Running, null, actor, default);
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>An in-process provider: accepts after a fixed latency and records when each message reached it.</summary>
public sealed class RecordingProvider(TimeSpan latency) : ISmsProviderRegistry, ISmsProvider
{
    public ConcurrentQueue<(Guid MessageId, DateTimeOffset At)> Calls { get; } = new();

    public string Name => SmsProviderNames.Simulator;

    public ISmsProvider Get(string name) => this;

    public bool IsConfigured(string name) => true;

    public async Task<ProviderSendResult> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue((request.MessageId, DateTimeOffset.UtcNow));
        await Task.Delay(latency, cancellationToken);
        return ProviderSendResult.Sent("SM" + request.MessageId.ToString("N"), 1, 0.0079m);
    }

    public Task<string?> FindPreviousSendAsync(ProviderSendRequest request, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
