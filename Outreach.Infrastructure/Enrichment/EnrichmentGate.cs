using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Enrichment;

/// <summary>
/// The node's limits on paid lookups, shared by every scope (one instance per node): one call per person at a time,
/// at most <see cref="EnrichmentOptions.MaxConcurrency"/> calls at once, and
/// <see cref="EnrichmentOptions.RequestsPerMinute"/> calls a minute. Other nodes keep their own limits; the
/// database's advisory lock is what stops two nodes paying for the same person.
/// </summary>
public sealed class EnrichmentGate : IDisposable
{
    private readonly ConcurrentDictionary<LookupId, Lazy<Task<EnrichmentResult>>> flights = new();
    private readonly SemaphoreSlim slots;
    private readonly TokenBucketRateLimiter limiter;

    public EnrichmentGate(IOptions<EnrichmentOptions> options)
    {
        var o = options.Value;
        slots = new SemaphoreSlim(o.MaxConcurrency, o.MaxConcurrency);
        limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.RequestsPerMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / o.RequestsPerMinute,
            // Only callers holding a slot wait for a token, so the queue never holds more than the slots.
            QueueLimit = o.MaxConcurrency,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>
    /// Runs <paramref name="lookup"/> unless the same lookup is already running on this node, in which case the
    /// caller awaits that one instead. <c>Shared</c> tells a caller it joined someone else's call, which it did
    /// not pay for.
    /// </summary>
    internal async Task<(EnrichmentResult Result, bool Shared)> SingleFlightAsync(
        LookupId id, Func<CancellationToken, Task<EnrichmentResult>> lookup, CancellationToken ct)
    {
        while (true)
        {
            Lazy<Task<EnrichmentResult>>? mine = null;
            mine = new Lazy<Task<EnrichmentResult>>(() => RunAsync(id, mine!, lookup, ct));
            var flight = flights.GetOrAdd(id, mine);
            var shared = !ReferenceEquals(flight, mine);
            try
            {
                return (await flight.Value.WaitAsync(ct), shared);
            }
            catch (OperationCanceledException) when (shared && !ct.IsCancellationRequested)
            {
                // The caller that started the flight gave up (its own token); this one still wants the answer.
                // The flight has left the table, so the next pass starts a new one or joins a newer one.
            }
        }
    }

    /// <summary>Waits for one of the node's slots for a paid call; dispose the result to free it.</summary>
    internal async Task<Slot> EnterAsync(CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        return new Slot(slots);
    }

    /// <summary>Waits until the rate limit allows one more call. Taken last, just before the call, so a lookup
    /// that turns out to be on record spends no token.</summary>
    internal async Task WaitForTokenAsync(CancellationToken ct)
    {
        using var lease = await limiter.AcquireAsync(1, ct);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("The enrichment rate limiter refused a caller holding a slot; its queue is smaller than the slots.");
        }
    }

    public void Dispose()
    {
        limiter.Dispose();
        slots.Dispose();
    }

    private async Task<EnrichmentResult> RunAsync(
        LookupId id, Lazy<Task<EnrichmentResult>> flight, Func<CancellationToken, Task<EnrichmentResult>> lookup, CancellationToken ct)
    {
        try
        {
            return await lookup(ct);
        }
        finally
        {
            // Only once the result is on record: a caller arriving after this finds the stored row instead.
            flights.TryRemove(KeyValuePair.Create(id, flight));
        }
    }

    internal readonly struct Slot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}

/// <summary>One person at one provider for one team: the unit that is paid for once.</summary>
internal readonly record struct LookupId(Guid TeamId, string Provider, string PersonKey);
