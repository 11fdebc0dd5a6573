using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Identity;

/// <summary>
/// The appearance each user picked, remembered on the account so it follows them to every browser. Users are
/// installation-wide, so it reads and writes in the system scope, and only ever the caller's own row: the
/// account comes from the tenant scope, never from an argument.
/// </summary>
public sealed class UserAppearance(ISystemDbContextFactory dbFactory, TenantScope scope)
{
    [ReadOnly]
    public async Task<Appearance> GetAsync(CancellationToken cancellationToken)
    {
        if (scope.UserId is not { } userId)
        {
            return default;
        }
        await using var db = dbFactory.CreateDbContext();
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Appearance).SingleOrDefaultAsync(cancellationToken);
    }

    [Requires(Permission.ChangeOwnPreferences)]
    public async Task SetAsync(Appearance appearance, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ChangeOwnPreferences);
        if (scope.UserId is not { } userId)
        {
            return;
        }
        await using var db = dbFactory.CreateDbContext();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Appearance, appearance), cancellationToken);
    }
}
