using Microsoft.EntityFrameworkCore;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Identity;

/// <summary>
/// The appearance each user picked, remembered on the account so it follows them to every browser. Users are
/// installation-wide, so it reads and writes in the system scope, and only ever the signed-in user's own row.
/// </summary>
public sealed class UserAppearance(ISystemDbContextFactory dbFactory)
{
    public async Task<Appearance> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Appearance).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task SetAsync(Guid userId, Appearance appearance, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Appearance, appearance), cancellationToken);
    }
}
