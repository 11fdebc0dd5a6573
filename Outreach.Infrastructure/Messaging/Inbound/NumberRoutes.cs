using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Messaging;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Messaging.Inbound;

/// <summary>
/// Which team owns a receiving number. Webhooks carry no trustworthy team, so this lookup (across teams,
/// as the system) is the only way a webhook reaches one; results are kept for a short while.
/// </summary>
public sealed class NumberRoutes(ISystemDbContextFactory systemContexts, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (SendingNumberRoute? Route, DateTimeOffset Expires)> _cache = new();

    public async ValueTask<SendingNumberRoute?> FindAsync(string number, CancellationToken cancellationToken)
    {
        var e164 = Domain.Prospects.PhoneNumbers.Parse(number).E164;
        if (e164 is null)
        {
            return null;
        }
        if (_cache.TryGetValue(e164, out var cached) && cached.Expires > clock.GetUtcNow())
        {
            return cached.Route;
        }
        await using var db = systemContexts.CreateDbContext();
        var route = await db.Set<SendingNumber>().AsNoTracking()
            .Where(n => n.Number == e164)
            .Select(n => new SendingNumberRoute(n.Id, n.TeamId, n.Number, n.Provider))
            .SingleOrDefaultAsync(cancellationToken);
        _cache[e164] = (route, clock.GetUtcNow() + Lifetime);
        return route;
    }

    public void Forget(string number) => _cache.TryRemove(number, out _);
}
