using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Identity;
using Outreach.TestSupport;

namespace Outreach.Console.Tests;

/// <summary>The real console host on a fresh database, seeded with a known first owner.</summary>
public sealed class ConsoleFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OwnerEmail = "owner@host.test";
    public const string OwnerPassword = "Host-Tests-Pass1";

    private TestDatabase _database = null!;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("outreach-host-").FullName;

    /// <summary>What the host logged, next to its own Serilog output.</summary>
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("host");
        _ = Server; // start the host: migrations and seeding run here
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepositoryPaths.Root);
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Outreach", _database.ConnectionString);
        builder.UseSetting("ConnectionStrings:OutreachApp", _database.AppConnectionString);
        builder.UseSetting("Outreach:NodeName", "host-tests");
        builder.UseSetting("Outreach:DataDirectory", _dataDirectory);
        builder.UseSetting("Outreach:Seed:OwnerEmail", OwnerEmail);
        builder.UseSetting("Outreach:Seed:OwnerPassword", OwnerPassword);
        builder.UseSetting("Outreach:Scheduler:CheckInSeconds", "1");
        // Every test client shares one address here; the limit itself has its own test.
        builder.UseSetting("Outreach:Security:SignInAttemptsPerMinute", "10000");
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }

    /// <summary>
    /// A second host on the same database with different settings or services; it runs no scheduler, so that
    /// it never competes with the first for the cluster's jobs.
    /// </summary>
    public WebApplicationFactory<Program> Variant(string nodeName, Action<IWebHostBuilder> configure) =>
        WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Outreach:NodeName", nodeName);
            builder.UseSetting("Outreach:Scheduler:Enabled", "false");
            configure(builder);
        });

    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Adds an account with a role in the seeded team; returns its e-mail.</summary>
    public async Task<string> CreateMemberAsync(TeamRole role, string password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@host.test";
        await using var db = scope.ServiceProvider.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        var team = await db.Teams.OrderBy(t => t.CreatedAt).FirstAsync(); // the seeded team; other tests add teams of their own
        var user = new AppUser { Id = Guid.NewGuid(), Email = email, UserName = email, DisplayName = role + " Person", CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        db.Memberships.Add(Membership.Create(team.Id, user.Id, role, TimeProvider.System));
        await db.SaveChangesAsync();
        return email;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFactory>
{
    public const string Name = "console";
}
