using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Infrastructure.Enrichment;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Tests.Enrichment;

/// <summary>
/// The enrichment seam on a real PostgreSQL and a local fake Apollo: never paying twice for one person (in sequence,
/// concurrently, across nodes, per team, within the reuse window), the concurrency cap and the rate limit.
/// </summary>
public sealed class EnrichmentServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncDisposable
{
    private readonly List<ServiceProvider> nodes = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    private static EnrichmentRequest Person(string email) =>
        new("Dana Reyes", "Dana", "Reyes", "Harbor Bakery", email, null, null, null, null, "CA");

    [Fact]
    public async Task The_derived_provider_is_asked_directly_and_nothing_is_recorded()
    {
        var team = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var scope = Node(new Dictionary<string, string?>()).CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<EnrichmentService>();

        var result = await service.EnrichAsync(team, Person("dana@harborbakery.com"), default);

        Assert.Equal(("derived", false), (service.ProviderName, service.IsPaid));
        Assert.Equal("harborbakery.com", result.Website);
        Assert.Empty(await LookupsAsync(team));
    }

    [Fact]
    public async Task A_person_enriched_twice_is_paid_for_once_and_the_second_answer_costs_nothing()
    {
        var team = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync();
        var node = Node(EnrichmentTestHost.ApolloSettings(apollo));

        var first = await EnrichAsync(node, team, Person("dana@harborbakery.com"));
        var second = await EnrichAsync(node, team, Person("DANA@harborbakery.com"));

        Assert.Equal(1, apollo.CallCount);
        Assert.Equal(0.03m, first.Cost);
        Assert.Equal(first with { Cost = 0m }, second);
        var lookup = Assert.Single(await LookupsAsync(team));
        Assert.Equal(("apollo", PersonKeys.For(Person("dana@harborbakery.com")), 0.03m), (lookup.Provider, lookup.PersonKey, lookup.Cost));
        Assert.Equal(0.03m, await SpendAsync(node, team));
    }

    [Fact]
    public async Task Another_team_never_reuses_a_lookup_and_pays_for_its_own()
    {
        var teamA = await EnrichmentTestHost.CreateTeamAsync(fixture);
        var teamB = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync();
        var node = Node(EnrichmentTestHost.ApolloSettings(apollo));

        await EnrichAsync(node, teamA, Person("sam@harborbakery.com"));
        var forB = await EnrichAsync(node, teamB, Person("sam@harborbakery.com"));

        Assert.Equal(2, apollo.CallCount);
        Assert.Equal(0.03m, forB.Cost);
        Assert.Single(await LookupsAsync(teamA));
        Assert.Single(await LookupsAsync(teamB));
        Assert.Equal((0.03m, 0.03m), (await SpendAsync(node, teamA), await SpendAsync(node, teamB)));
        // Row-level security agrees: team B's own session cannot see team A's record.
        await using var asB = fixture.TeamContext(teamB);
        Assert.Equal(1, await asB.Set<EnrichmentLookup>().IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task Ten_concurrent_requests_for_one_person_make_one_call()
    {
        var team = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync(delay: TimeSpan.FromMilliseconds(300));
        var node = Node(EnrichmentTestHost.ApolloSettings(apollo));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => EnrichAsync(node, team, Person("lee@harborbakery.com"))));

        Assert.Equal(1, apollo.CallCount);
        Assert.All(results, r => Assert.Equal("lee@harborbakery.com", r.Email));
        Assert.Equal(0.03m, results.Sum(r => r.Cost));
        Assert.Single(await LookupsAsync(team));
    }

    [Fact]
    public async Task Two_nodes_enriching_the_same_person_at_once_make_one_call()
    {
        var team = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync(delay: TimeSpan.FromMilliseconds(300));
        var nodeA = Node(EnrichmentTestHost.ApolloSettings(apollo));
        var nodeB = Node(EnrichmentTestHost.ApolloSettings(apollo));

        var results = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(i => EnrichAsync(i % 2 == 0 ? nodeA : nodeB, team, Person("kim@harborbakery.com"))));

        Assert.Equal(1, apollo.CallCount);
        Assert.All(results, r => Assert.Equal("kim@harborbakery.com", r.Email));
        Assert.Equal(0.03m, results.Sum(r => r.Cost));
    }

    [Fact]
    public async Task Paid_calls_in_flight_never_exceed_the_concurrency_cap()
    {
        var team = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync(delay: TimeSpan.FromMilliseconds(150));
        var settings = EnrichmentTestHost.ApolloSettings(apollo);
        settings["MaxConcurrency"] = "2";
        var node = Node(settings);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => EnrichAsync(node, team, Person($"cap{i}@harborbakery.com"))));

        Assert.Equal(8, apollo.CallCount);
        Assert.Equal(2, apollo.MaxInFlight);
    }

    [Fact]
    public async Task Calls_beyond_the_rate_budget_wait_for_a_token_until_cancelled()
    {
        var team = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync();
        var settings = EnrichmentTestHost.ApolloSettings(apollo);
        settings["RequestsPerMinute"] = "3";
        settings["MaxConcurrency"] = "6";
        var node = Node(settings);
        using var cancellation = new CancellationTokenSource();

        var lookups = Enumerable.Range(0, 6)
            .Select(i => EnrichAsync(node, team, Person($"rate{i}@harborbakery.com"), cancellation.Token))
            .ToList();
        await WaitUntilAsync(() => apollo.CallCount >= 3);
        // A burst of three, then one token every 20 seconds: nothing more gets through in the next moment.
        await Task.Delay(TimeSpan.FromMilliseconds(750));
        Assert.Equal(3, apollo.CallCount);
        Assert.Equal(3, lookups.Count(l => l.IsCompletedSuccessfully));

        await cancellation.CancelAsync();
        foreach (var waiting in lookups.Where(l => !l.IsCompletedSuccessfully))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }
        Assert.Equal(3, apollo.CallCount);
        Assert.Equal(3, (await LookupsAsync(team)).Count);
    }

    [Fact]
    public async Task A_lookup_is_reused_within_the_window_and_paid_for_again_after_it()
    {
        var team = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var node = Node(EnrichmentTestHost.ApolloSettings(apollo), clock);
        var start = clock.GetUtcNow();

        await EnrichAsync(node, team, Person("ava@harborbakery.com"));
        clock.Advance(TimeSpan.FromDays(29));
        var withinWindow = await EnrichAsync(node, team, Person("ava@harborbakery.com"));
        clock.Advance(TimeSpan.FromDays(2));
        var afterWindow = await EnrichAsync(node, team, Person("ava@harborbakery.com"));

        Assert.Equal((0m, 0.03m), (withinWindow.Cost, afterWindow.Cost));
        Assert.Equal(2, apollo.CallCount);
        var lookup = Assert.Single(await LookupsAsync(team));
        Assert.Equal(start.AddDays(31), lookup.LookedUpAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_person_the_provider_does_not_know_is_recorded_and_not_asked_about_again()
    {
        var team = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync((_, _) => new FakeAnswer(200, """{"person": null}"""));
        var node = Node(EnrichmentTestHost.ApolloSettings(apollo));

        var first = await EnrichAsync(node, team, Person("ghost@harborbakery.com"));
        var second = await EnrichAsync(node, team, Person("ghost@harborbakery.com"));

        Assert.Equal((false, false), (first.Found, second.Found));
        Assert.Equal(1, apollo.CallCount);
        Assert.Equal(0m, await SpendAsync(node, team));
    }

    [Fact]
    public async Task A_failed_lookup_records_nothing_so_the_next_request_asks_again()
    {
        var team = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync((call, n) => n < 4
            ? new FakeAnswer(502)
            : new FakeAnswer(200, FakeApolloServer.MatchFor(call)));
        var node = Node(EnrichmentTestHost.ApolloSettings(apollo));

        await Assert.ThrowsAsync<EnrichmentProviderException>(() => EnrichAsync(node, team, Person("max@harborbakery.com")));
        Assert.Empty(await LookupsAsync(team));
        var retried = await EnrichAsync(node, team, Person("max@harborbakery.com"));

        Assert.True(retried.Found);
        Assert.Equal(5, apollo.CallCount);
        Assert.Single(await LookupsAsync(team));
    }

    [Fact]
    public async Task A_request_that_names_nobody_is_never_sent_to_a_paid_provider()
    {
        var team = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync();
        var node = Node(EnrichmentTestHost.ApolloSettings(apollo));

        var result = await EnrichAsync(node, team, new EnrichmentRequest(null, null, null, "Harbor Bakery", "n/a", null, null, null, "Owner", "CA"));

        Assert.Equal(EnrichmentResult.NotFound, result);
        Assert.Equal(0, apollo.CallCount);
    }

    [Fact]
    public async Task A_scope_acting_for_one_team_cannot_enrich_for_another()
    {
        var teamA = await EnrichmentTestHost.CreateTeamAsync(fixture);
        var teamB = await EnrichmentTestHost.CreateTeamAsync(fixture);
        await using var apollo = await FakeApolloServer.StartAsync();
        var node = Node(EnrichmentTestHost.ApolloSettings(apollo));
        await using var scope = node.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(teamA, null);
        var service = scope.ServiceProvider.GetRequiredService<EnrichmentService>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.EnrichAsync(teamB, Person("zoe@harborbakery.com"), default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.SpendAsync(teamB, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, default));
        Assert.Equal(0, apollo.CallCount);
    }

    private ServiceProvider Node(IDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var node = EnrichmentTestHost.Build(settings, fixture, clock);
        nodes.Add(node);
        return node;
    }

    /// <summary>As a job would: a fresh scope, not narrowed to a team, for each lookup.</summary>
    private static async Task<EnrichmentResult> EnrichAsync(ServiceProvider node, Guid team, EnrichmentRequest request, CancellationToken ct = default)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EnrichmentService>().EnrichAsync(team, request, ct);
    }

    private static async Task<decimal> SpendAsync(ServiceProvider node, Guid team)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EnrichmentService>()
            .SpendAsync(team, DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1), default);
    }

    private async Task<List<EnrichmentLookup>> LookupsAsync(Guid team)
    {
        await using var db = fixture.SystemContext();
        return await db.Set<EnrichmentLookup>().AsNoTracking().Where(l => l.TeamId == team).ToListAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting.");
            await Task.Delay(20);
        }
    }
}
