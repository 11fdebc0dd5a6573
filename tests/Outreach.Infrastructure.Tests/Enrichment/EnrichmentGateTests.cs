using Microsoft.Extensions.Options;
using Outreach.Infrastructure.Enrichment;

namespace Outreach.Infrastructure.Tests.Enrichment;

/// <summary>The node's single-flight table, on its own: the database lock would hide its absence in the service tests.</summary>
public sealed class EnrichmentGateTests : IDisposable
{
    private static readonly LookupId Dana = new(Guid.NewGuid(), "apollo", new string('a', 64));

    private readonly EnrichmentGate gate = new(Options.Create(new EnrichmentOptions()));

    public void Dispose() => gate.Dispose();

    private static EnrichmentResult Match(string email) => EnrichmentResult.NotFound with { Found = true, Email = email, Cost = 0.03m };

    [Fact]
    public async Task Concurrent_lookups_of_one_person_run_once_and_the_joiners_know_they_shared()
    {
        var runs = 0;
        var release = new TaskCompletionSource();
        async Task<EnrichmentResult> Lookup(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await release.Task.WaitAsync(ct);
            return Match("dana@harborbakery.com");
        }

        var callers = Enumerable.Range(0, 10).Select(_ => gate.SingleFlightAsync(Dana, Lookup, default)).ToList();
        release.SetResult();
        var outcomes = await Task.WhenAll(callers);

        Assert.Equal(1, runs);
        Assert.Single(outcomes, o => !o.Shared);
        Assert.All(outcomes, o => Assert.Equal("dana@harborbakery.com", o.Result.Email));
    }

    [Fact]
    public async Task A_lookup_after_the_first_has_finished_runs_again()
    {
        var runs = 0;
        Task<EnrichmentResult> Lookup(CancellationToken ct) => Task.FromResult(Match($"run{Interlocked.Increment(ref runs)}@harborbakery.com"));

        var first = await gate.SingleFlightAsync(Dana, Lookup, default);
        var second = await gate.SingleFlightAsync(Dana, Lookup, default);

        Assert.Equal(("run1@harborbakery.com", "run2@harborbakery.com"), (first.Result.Email, second.Result.Email));
        Assert.False(second.Shared);
    }

    [Fact]
    public async Task When_the_caller_that_started_a_lookup_gives_up_a_joiner_starts_its_own()
    {
        var runs = 0;
        var started = new TaskCompletionSource();
        async Task<EnrichmentResult> Lookup(CancellationToken ct)
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
            return Match("dana@harborbakery.com");
        }
        using var starterGivesUp = new CancellationTokenSource();

        var starter = gate.SingleFlightAsync(Dana, Lookup, starterGivesUp.Token);
        await started.Task;
        var joiner = gate.SingleFlightAsync(Dana, Lookup, default);
        await starterGivesUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starter);
        var outcome = await joiner;
        Assert.Equal(("dana@harborbakery.com", false, 2), (outcome.Result.Email, outcome.Shared, runs));
    }

    [Fact]
    public async Task A_joiner_that_gives_up_leaves_the_lookup_running_for_the_others()
    {
        var release = new TaskCompletionSource();
        async Task<EnrichmentResult> Lookup(CancellationToken ct)
        {
            await release.Task.WaitAsync(ct);
            return Match("dana@harborbakery.com");
        }
        using var joinerGivesUp = new CancellationTokenSource();

        var starter = gate.SingleFlightAsync(Dana, Lookup, default);
        var joiner = gate.SingleFlightAsync(Dana, Lookup, joinerGivesUp.Token);
        await joinerGivesUp.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => joiner);
        Assert.Equal("dana@harborbakery.com", (await starter).Result.Email);
    }
}
