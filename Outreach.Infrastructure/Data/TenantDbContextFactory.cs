using Microsoft.EntityFrameworkCore;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Data;

/// <summary>Creates contexts bound to the current request's or circuit's team.</summary>
public sealed class TenantDbContextFactory(DbContextOptions<OutreachDbContext> options, TenantScope scope)
    : IDbContextFactory<OutreachDbContext>
{
    public OutreachDbContext CreateDbContext() => new(options, scope);
}

/// <summary>
/// Creates contexts that span teams (jobs, seeding, sign-in bookkeeping, installation administration).
/// They connect as the owner, whom the row-level security policies let through.
/// </summary>
public interface ISystemDbContextFactory
{
    OutreachDbContext CreateDbContext();
}

internal sealed class SystemDbContextFactory(DbContextOptions<OutreachDbContext> options) : ISystemDbContextFactory
{
    public OutreachDbContext CreateDbContext() => new(options, TenantScope.System);
}
