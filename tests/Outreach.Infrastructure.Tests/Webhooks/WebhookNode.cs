using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Domain.Auditing;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;
using Outreach.Domain.Webhooks;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Identity;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Tasks;
using Outreach.Infrastructure.Tenancy;
using Outreach.Infrastructure.Tests.Enrichment;
using Outreach.Infrastructure.Webhooks;
using Outreach.TestSupport;

namespace Outreach.Infrastructure.Tests.Webhooks;

/// <summary>
/// Two console nodes' infrastructure on one database and one hand-moved clock, with their dispatchers driven by
/// the tests (one round at a time), and a third node on an installation that does not allow private networks.
/// </summary>
public sealed class WebhookNode : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private int _teams;

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));
    public IHost NodeA { get; private set; } = null!;
    public IHost NodeB { get; private set; } = null!;
    public IHost Guarded { get; private set; } = null!;

    public WebhookDispatcher DispatcherA => NodeA.Services.GetRequiredService<WebhookDispatcher>();
    public WebhookDispatcher DispatcherB => NodeB.Services.GetRequiredService<WebhookDispatcher>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("webhooks");
        NodeA = Build("webhooks-a", allowPrivate: true);
        NodeB = Build("webhooks-b", allowPrivate: true);
        Guarded = Build("webhooks-guarded", allowPrivate: false);
        await OutreachDatabase.MigrateAsync(NodeA.Services);
    }

    private IHost Build(string name, bool allowPrivate) => TestNode.Build(_database.ConnectionString, name,
        settings: new Dictionary<string, string?>
        {
            ["Outreach:Messaging:Queue:Enabled"] = "false",
            ["Outreach:Webhooks:Enabled"] = "false",
            ["Outreach:Webhooks:AllowPrivateNetworks"] = allowPrivate.ToString(),
            ["Outreach:Webhooks:LeaseSeconds"] = "60",
            ["Outreach:Webhooks:TimeoutSeconds"] = "10",
        },
        services: s => s.AddSingleton<TimeProvider>(Clock));

    /// <summary>A team with an admin (who manages webhooks), an agent, and a sending number.</summary>
    public async Task<WebhookTeam> TeamAsync()
    {
        await using var db = NodeA.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        var suffix = Interlocked.Increment(ref _teams);
        var team = Team.Create($"Webhook team {suffix}", "America/Chicago", Clock);
        var number = SendingNumber.Register(team.Id, $"+151224005{suffix:00}", SmsProviderNames.Simulator, null, Clock);
        db.AddRange(team, number);
        var admin = Member(db, team.Id, $"ada{suffix}", "Ada Admin", TeamRole.Admin);
        var agent = Member(db, team.Id, $"abe{suffix}", "Abe Agent", TeamRole.Agent);
        await db.SaveChangesAsync();
        return new WebhookTeam(team.Id, number.Id, number.Number, admin, agent);
    }

    private Guid Member(OutreachDbContext db, Guid team, string login, string name, TeamRole role)
    {
        var email = $"{login}@webhooks.test";
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, CreatedAt = Clock.GetUtcNow(), SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        db.Memberships.Add(Membership.Create(team, user.Id, role, Clock));
        return user.Id;
    }

    /// <summary>A service of <paramref name="host"/> as a request of that team and user would get it.</summary>
    public T As<T>(IHost host, Guid teamId, Guid userId) where T : notnull
    {
        var scope = host.Services.CreateScope();
        using (var db = host.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext())
        {
            // The role as the sign-in would read it: the caller's membership in that team, if any.
            var role = db.Memberships.Where(m => m.TeamId == teamId && m.UserId == userId && m.IsActive).Select(m => (TeamRole?)m.Role).SingleOrDefault();
            scope.ServiceProvider.GetRequiredService<TenantScope>().ActAs(teamId, new Caller(userId, "Webhook test user", role));
        }
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    public WebhookSubscriptions Subscriptions(WebhookTeam team, IHost? host = null) => As<WebhookSubscriptions>(host ?? NodeA, team.Id, team.Admin);

    public Task<Guid> SubscribeAsync(WebhookTeam team, Uri url, bool ordered = false, WebhookFormat format = WebhookFormat.Standard, params string[] types) =>
        Subscriptions(team).CreateAsync(new WebhookDraft("Receiver", url.ToString(), format, types.Length == 0 ? [WebhookEventTypes.TaskCreated] : types, ordered),
            new AuditActor(team.Admin, "Ada Admin"), default);

    /// <summary>A real change that announces itself: a task created by the agent.</summary>
    public Task<Guid> CreateTaskAsync(WebhookTeam team, string title) =>
        As<OperatorTasks>(NodeA, team.Id, team.Agent).CreateAsync(new TaskActor(team.Agent, "Abe Agent", TeamRole.Agent),
            new TaskDraft(title, null, Domain.Tasks.TaskPriority.Normal, Clock.GetUtcNow().AddHours(1), null, null, null, null), default);

    /// <summary>Dispatcher rounds until nothing is due, moving the clock past every backoff in between.</summary>
    public async Task DrainAsync(WebhookDispatcher dispatcher, int rounds = 50)
    {
        for (var i = 0; i < rounds; i++)
        {
            await dispatcher.RunOnceAsync(default);
            Clock.Advance(TimeSpan.FromMinutes(2));
        }
    }

    public async Task DisposeAsync()
    {
        NodeA.Dispose();
        NodeB.Dispose();
        Guarded.Dispose();
        await _database.DisposeAsync();
    }
}

public sealed record WebhookTeam(Guid Id, Guid NumberId, string Number, Guid Admin, Guid Agent);
