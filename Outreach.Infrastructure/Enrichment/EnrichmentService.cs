using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Enrichment;

/// <summary>
/// The only way to enrich a prospect. A free provider is simply asked. A paid one is asked at most once per person
/// per team within <see cref="EnrichmentOptions.ReuseDays"/>: the answer is recorded in <c>enrichment_lookups</c> and
/// later requests get the record at no cost. Concurrent requests for one person share one call on this node and wait
/// on a PostgreSQL advisory lock across nodes; every call passes the node's concurrency cap and rate limit
/// (<see cref="EnrichmentGate"/>).
/// </summary>
public sealed class EnrichmentService
{
    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    private readonly IEnrichmentProvider provider;
    private readonly EnrichmentOptions options;
    private readonly EnrichmentGate gate;
    private readonly DbContextOptions<OutreachDbContext> dbOptions;
    private readonly TenantScope tenant;
    private readonly TimeProvider clock;
    private readonly ILogger logger;

    public EnrichmentService(
        IEnumerable<IEnrichmentProvider> providers,
        IOptions<EnrichmentOptions> options,
        EnrichmentGate gate,
        DbContextOptions<OutreachDbContext> dbOptions,
        TenantScope tenant,
        TimeProvider clock,
        ILogger<EnrichmentService> logger)
    {
        this.options = options.Value;
        provider = providers.FirstOrDefault(p => string.Equals(p.Name, this.options.Provider.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"{EnrichmentOptions.Section}:Provider is '{this.options.Provider}', which is not available " +
                $"(available: {string.Join(", ", providers.Select(p => p.Name))}).");
        this.gate = gate;
        this.dbOptions = dbOptions;
        this.tenant = tenant;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>The configured provider's name ("derived", "apollo").</summary>
    public string ProviderName => provider.Name;

    /// <summary>True when lookups cost money, so a screen can say so before a bulk run.</summary>
    public bool IsPaid => provider.IsPaid;

    /// <summary>
    /// Enriches one prospect of <paramref name="teamId"/>. <see cref="EnrichmentResult.Cost"/> is what this call
    /// spent: zero when the answer came from the record or from a concurrent caller's lookup.
    /// </summary>
    /// <exception cref="EnrichmentProviderException">The provider could not answer; nothing was recorded or paid.</exception>
    [Requires(Permission.EnrichProspects)]
    public async Task<EnrichmentResult> EnrichAsync(Guid teamId, EnrichmentRequest request, CancellationToken ct)
    {
        // Jobs call it from a scope not narrowed to a team and name the team; a person is checked as everywhere.
        if (tenant.Caller is not null)
        {
            tenant.Demand(Permission.EnrichProspects);
        }
        EnsureTeam(teamId);
        if (!provider.IsPaid)
        {
            return await provider.EnrichAsync(request, ct);
        }

        if (PersonKeys.For(request) is not { } personKey)
        {
            // Nothing that singles out a person: a paid provider would be guessing, and so would the record.
            return EnrichmentResult.NotFound;
        }

        var id = new LookupId(teamId, provider.Name, personKey);
        var (result, shared) = await gate.SingleFlightAsync(id, token => LookupAsync(id, request, token), ct);
        return shared ? result with { Cost = 0m } : result;
    }

    /// <summary>What the team's paid lookups cost between <paramref name="from"/> (inclusive) and <paramref name="to"/> (exclusive).</summary>
    /// <remarks>
    /// The table keeps one row per person and provider: a person looked up again after the reuse window replaces
    /// the earlier row, whose cost then drops out of its period. Spend for periods older than the window can
    /// therefore be understated; a ledger of every payment would need a table of its own.
    /// </remarks>
    [ReadOnly]
    public async Task<decimal> SpendAsync(Guid teamId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        EnsureTeam(teamId);
        var (start, end) = (from.ToUniversalTime(), to.ToUniversalTime());
        await using var db = CreateContext(teamId);
        return await db.Set<EnrichmentLookup>()
            .Where(l => l.TeamId == teamId && l.LookedUpAt >= start && l.LookedUpAt < end)
            .SumAsync(l => l.Cost, ct);
    }

    private async Task<EnrichmentResult> LookupAsync(LookupId id, EnrichmentRequest request, CancellationToken ct)
    {
        // Checked before queueing for a slot, so an answer on record never waits behind paid calls.
        await using (var db = CreateContext(id.TeamId))
        {
            if (await FindRecordedAsync(db, id, ct) is { } recorded)
            {
                logger.LogDebug("Enrichment of {PersonKey} at {Provider} answered from the record", id.PersonKey, id.Provider);
                return recorded;
            }
        }

        using var slot = await gate.EnterAsync(ct);
        await using var locked = CreateContext(id.TeamId);
        await using var transaction = await locked.Database.BeginTransactionAsync(ct);
        // Another node may be paying for the same person right now. The lock (held until commit) makes this node
        // wait for it, and the second look finds its record. The connection is held for the length of the call,
        // which the slots bound to MaxConcurrency per node.
        var lockName = $"enrichment:{id.TeamId}:{id.Provider}:{id.PersonKey}";
        await locked.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockName}, 0))", ct);
        if (await FindRecordedAsync(locked, id, ct) is { } recordedMeanwhile)
        {
            await transaction.CommitAsync(ct);
            return recordedMeanwhile;
        }

        await gate.WaitForTokenAsync(ct);
        var result = await provider.EnrichAsync(request, ct);
        var json = JsonSerializer.Serialize(result, StoredJson);
        var now = clock.GetUtcNow();
        // Paid for now, so recorded even if the caller has gone: otherwise the next request would pay again.
        // Not-found answers are recorded too: asking again within the window would spend rate budget (and, for
        // providers that charge per request, money) on the same "no".
        await locked.Database.ExecuteSqlAsync($"""
            INSERT INTO enrichment_lookups (team_id, provider, person_key, result, cost, looked_up_at)
            VALUES ({id.TeamId}, {id.Provider}, {id.PersonKey}, {json}::jsonb, {result.Cost}, {now})
            ON CONFLICT (team_id, provider, person_key) DO UPDATE
            SET result = excluded.result, cost = excluded.cost, looked_up_at = excluded.looked_up_at
            """, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);

        logger.LogInformation("Enriched {PersonKey} at {Provider} for team {TeamId}: found {Found}, cost {Cost}",
            id.PersonKey, id.Provider, id.TeamId, result.Found, result.Cost);
        return result;
    }

    private async Task<EnrichmentResult?> FindRecordedAsync(OutreachDbContext db, LookupId id, CancellationToken ct)
    {
        var freshAfter = clock.GetUtcNow().AddDays(-options.ReuseDays);
        var json = await db.Set<EnrichmentLookup>()
            .AsNoTracking()
            .Where(l => l.TeamId == id.TeamId && l.Provider == id.Provider && l.PersonKey == id.PersonKey && l.LookedUpAt > freshAfter)
            .Select(l => l.Result)
            .FirstOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<EnrichmentResult>(json, StoredJson)! with { Cost = 0m };
    }

    // Contexts are bound to the team passed in, so query filters and row-level security both confine the record
    // to that team whatever scope the caller runs in (a request, a circuit, a job).
    private OutreachDbContext CreateContext(Guid teamId) => new(dbOptions, TenantScope.ForTeam(teamId, tenant.UserId));

    private void EnsureTeam(Guid teamId)
    {
        if (tenant.TeamId is { } current && current != teamId)
        {
            throw new InvalidOperationException($"This scope acts for team {current} and cannot enrich for team {teamId}.");
        }
    }
}
