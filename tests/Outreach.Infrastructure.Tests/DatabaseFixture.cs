using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;
using Outreach.TestSupport;

namespace Outreach.Infrastructure.Tests;

/// <summary>A migrated database and one started node, shared by the tests of one class.</summary>
public class DatabaseFixture : IAsyncLifetime
{
    /// <summary>False: team-scoped work switches role inside the owner's session (the fallback).</summary>
    protected virtual bool AppLogin => true;

    public TestDatabase Database { get; private set; } = null!;
    public IHost Node { get; private set; } = null!;
    public IServiceProvider Services => Node.Services;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("infra");
        Node = await TestNode.StartAsync(Database.ConnectionString, "node-a", appLogin: AppLogin);
    }

    public OutreachDbContext SystemContext() => Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();

    /// <summary>A context as a request of that team (and optionally that user) would get it.</summary>
    public OutreachDbContext TeamContext(Guid? teamId, Guid? userId = null)
    {
        var tenant = new TenantScope();
        tenant.Set(teamId, userId);
        return new TenantDbContextFactory(Services.GetRequiredService<DbContextOptions<OutreachDbContext>>(), tenant).CreateDbContext();
    }

    public async Task DisposeAsync()
    {
        await Node.StopAsync();
        Node.Dispose();
        await Database.DisposeAsync();
    }
}
