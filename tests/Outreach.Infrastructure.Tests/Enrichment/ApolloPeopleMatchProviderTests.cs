using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Infrastructure.Enrichment;
using Outreach.Infrastructure.Enrichment.Apollo;

namespace Outreach.Infrastructure.Tests.Enrichment;

/// <summary>The Apollo provider against a local fake of the people match endpoint.</summary>
public sealed class ApolloPeopleMatchProviderTests : IDisposable
{
    private static readonly EnrichmentRequest Dana = new(
        FullName: "Dana  Reyes", FirstName: "Dana", LastName: "Reyes", Company: "Harbor Bakery",
        Email: "Dana.Reyes@HarborBakery.com", Phone: "(415) 867-0134", Website: "https://www.harborbakery.com/about",
        LinkedIn: "linkedin.com/in/Dana-Reyes-Bakery", Title: "Owner", State: "CA");

    private readonly List<ServiceProvider> hosts = [];

    public void Dispose() => hosts.ForEach(h => h.Dispose());

    private ApolloPeopleMatchProvider Provider(FakeApolloServer server, string costPerMatch = "0.03")
    {
        var settings = EnrichmentTestHost.ApolloSettings(server);
        settings["Apollo:CostPerMatch"] = costPerMatch;
        var host = EnrichmentTestHost.Build(settings);
        hosts.Add(host);
        return host.GetRequiredService<ApolloPeopleMatchProvider>();
    }

    [Fact]
    public async Task Posts_the_identifiers_with_the_api_key_and_maps_the_matched_person()
    {
        await using var server = await FakeApolloServer.StartAsync();

        var result = await Provider(server, costPerMatch: "0.05").EnrichAsync(Dana, default);

        var call = Assert.Single(server.Calls);
        Assert.Empty(server.Violations);
        Assert.Equal(("POST", "/api/v1/people/match", FakeApolloServer.ApiKey), (call.Method, call.Path, call.ApiKey));
        var expected = JsonNode.Parse("""
            {"first_name": "Dana", "last_name": "Reyes", "name": "Dana Reyes", "organization_name": "Harbor Bakery",
             "domain": "harborbakery.com", "email": "dana.reyes@harborbakery.com",
             "linkedin_url": "https://www.linkedin.com/in/dana-reyes-bakery", "reveal_personal_emails": false}
            """);
        Assert.True(JsonNode.DeepEquals(expected, call.Json), call.Body);

        Assert.Equal(
            new EnrichmentResult(
                Found: true, Email: "dana.reyes@harborbakery.com", EmailVerified: true, Title: "Owner & Head Baker",
                LinkedIn: "linkedin.com/in/dana-reyes-bakery", Website: "harborbakery.com", Phone: "+14158670134",
                Employees: 14, Revenue: 1250000m, Industry: "food & beverages", Cost: 0.05m, Raw: result.Raw),
            result);
        Assert.Equal("64a7f0c2e1b2c3d4e5f60718", JsonDocument.Parse(result.Raw!).RootElement.GetProperty("person").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Only_the_identifiers_present_are_sent()
    {
        await using var server = await FakeApolloServer.StartAsync();

        await Provider(server).EnrichAsync(new EnrichmentRequest(null, null, null, null, "dana@harborbakery.com", null, null, null, null, null), default);

        var call = Assert.Single(server.Calls);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"email": "dana@harborbakery.com", "reveal_personal_emails": false}"""), call.Json), call.Body);
    }

    [Theory]
    [InlineData(404, """{"error": "not found"}""")]
    [InlineData(200, """{"person": null}""")]
    [InlineData(200, """{"person": {}}""")]
    [InlineData(200, """{}""")]
    public async Task Nobody_matching_is_not_found_and_costs_nothing(int status, string json)
    {
        await using var server = await FakeApolloServer.StartAsync((_, _) => new FakeAnswer(status, json));

        var result = await Provider(server).EnrichAsync(Dana, default);

        Assert.Equal(EnrichmentResult.NotFound, result);
        Assert.Single(server.Calls);
    }

    [Fact]
    public async Task A_rate_limited_call_is_retried_and_then_answered()
    {
        await using var server = await FakeApolloServer.StartAsync((call, n) => n == 0
            ? new FakeAnswer(429, """{"message": "rate limit"}""", new Dictionary<string, string> { ["Retry-After"] = "0" })
            : new FakeAnswer(200, FakeApolloServer.MatchFor(call)));

        var result = await Provider(server).EnrichAsync(Dana, default);

        Assert.True(result.Found);
        Assert.Equal(2, server.CallCount);
        Assert.Empty(server.Violations);
    }

    [Fact]
    public async Task An_outage_ends_in_a_clear_exception_after_the_bounded_retries()
    {
        await using var server = await FakeApolloServer.StartAsync((_, _) => new FakeAnswer(503, """{"message": "maintenance"}"""));

        var exception = await Assert.ThrowsAsync<EnrichmentProviderException>(() => Provider(server).EnrichAsync(Dana, default));

        Assert.Equal(4, server.CallCount);
        Assert.Equal("apollo", exception.ProviderName);
        Assert.Contains("HTTP 503", exception.Message);
        Assert.Contains("4 attempt(s)", exception.Message);
    }

    [Fact]
    public async Task A_refused_api_key_fails_at_once_and_names_the_setting()
    {
        await using var server = await FakeApolloServer.StartAsync((_, _) => new FakeAnswer(401, """{"error": "Invalid access credentials."}"""));

        var exception = await Assert.ThrowsAsync<EnrichmentProviderException>(() => Provider(server).EnrichAsync(Dana, default));

        Assert.Single(server.Calls);
        Assert.Contains("Outreach:Enrichment:Apollo:ApiKey", exception.Message);
    }

    [Fact]
    public async Task An_unreachable_apollo_is_a_provider_exception_not_a_network_one()
    {
        var server = await FakeApolloServer.StartAsync();
        var provider = Provider(server);
        await server.DisposeAsync();

        var exception = await Assert.ThrowsAsync<EnrichmentProviderException>(() => provider.EnrichAsync(Dana, default));

        Assert.IsType<HttpRequestException>(exception.InnerException);
        Assert.Contains("4 attempt(s)", exception.Message);
    }

    [Theory]
    [InlineData("email_not_unlocked@domain.com", "unavailable", null, null)]
    [InlineData("dana@harborbakery.com", "guessed", "dana@harborbakery.com", false)]
    public async Task Only_a_real_address_is_taken_and_only_verified_counts_as_verified(string email, string status, string? expected, bool? verified)
    {
        await using var server = await FakeApolloServer.StartAsync((_, _) => new FakeAnswer(200, FakeApolloServer.Match(email, status)));

        var result = await Provider(server).EnrichAsync(Dana, default);

        Assert.True(result.Found);
        Assert.Equal(expected, result.Email);
        Assert.Equal(verified, result.EmailVerified);
    }
}
