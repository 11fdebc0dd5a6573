using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Domain.Prospects;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Outreach.Infrastructure.Enrichment.Apollo;

/// <summary>
/// Apollo's People Enrichment endpoint (POST {BaseUrl}/api/v1/people/match, API key in X-Api-Key), or any
/// service that speaks it. A 200 is not a match: Apollo answers one with <c>"person": null</c> when it knows
/// nobody by those identifiers. Only a match is charged (<see cref="ApolloOptions.CostPerMatch"/>).
/// </summary>
public sealed class ApolloPeopleMatchProvider : IEnrichmentProvider
{
    /// <summary>The named HttpClient this provider uses.</summary>
    public const string HttpClientName = "enrichment-apollo";

    // Apollo's placeholder when the plan has not unlocked the address: a well-formed address that reaches nobody.
    private const string LockedEmailPrefix = "email_not_unlocked@";

    private readonly ApolloOptions options;
    private readonly IHttpClientFactory httpClientFactory;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public ApolloPeopleMatchProvider(
        IHttpClientFactory httpClientFactory, IOptions<EnrichmentOptions> options, TimeProvider timeProvider,
        ILogger<ApolloPeopleMatchProvider> logger)
    {
        this.options = options.Value.Apollo;
        this.httpClientFactory = httpClientFactory;
        pipeline = CreatePipeline(this.options, timeProvider, logger);
    }

    public string Name => EnrichmentProviderNames.Apollo;

    public bool IsPaid => true;

    public async Task<EnrichmentResult> EnrichAsync(EnrichmentRequest request, CancellationToken ct)
    {
        if (!options.IsConfigured)
        {
            throw new InvalidOperationException($"Apollo is not configured: set {EnrichmentOptions.Section}:Apollo:ApiKey.");
        }

        var payload = JsonSerializer.Serialize(ToMatchRequest(request), ApolloJson.Options);
        var client = httpClientFactory.CreateClient(HttpClientName);
        var url = $"{options.BaseUrl.TrimEnd('/')}/api/v1/people/match";
        var attempts = 0;
        HttpStatusCode status;
        string body;
        try
        {
            using var response = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                // A request message cannot be sent twice, so every attempt builds its own.
                using var message = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(payload, Encoding.UTF8, "application/json"),
                };
                message.Headers.Add("X-Api-Key", options.ApiKey);
                return await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, token);
            }, ct);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or TaskCanceledException)
        {
            // TaskCanceledException without our token being cancelled is HttpClient's own timeout.
            throw new EnrichmentProviderException(Name,
                $"Apollo could not be reached after {attempts} attempt(s): {exception.Message}", exception);
        }

        return status switch
        {
            >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices => Interpret(body),
            HttpStatusCode.NotFound => EnrichmentResult.NotFound,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => throw new EnrichmentProviderException(Name,
                $"Apollo refused the API key (HTTP {(int)status}): check {EnrichmentOptions.Section}:Apollo:ApiKey and the plan's API access."),
            HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError => throw new EnrichmentProviderException(Name,
                $"Apollo answered HTTP {(int)status} to all {attempts} attempt(s); try again later. {Excerpt(body)}".TrimEnd()),
            _ => throw new EnrichmentProviderException(Name, $"Apollo refused the lookup: HTTP {(int)status}. {Excerpt(body)}".TrimEnd()),
        };
    }

    internal static ApolloMatchRequest ToMatchRequest(EnrichmentRequest request)
    {
        var email = PersonIdentifiers.Email(request);
        var linkedIn = PersonIdentifiers.LinkedInProfile(request);
        // Apollo matches on the employer's domain, not a page on it.
        var website = Websites.Normalize(request.Website);
        var domain = website?.Split('/')[0];
        return new ApolloMatchRequest(
            FirstName: PersonIdentifiers.Text(request.FirstName),
            LastName: PersonIdentifiers.Text(request.LastName),
            Name: PersonIdentifiers.Text(request.FullName),
            OrganizationName: PersonIdentifiers.Company(request),
            Domain: domain,
            Email: email,
            LinkedinUrl: linkedIn is null ? null : $"https://www.{linkedIn}");
    }

    private EnrichmentResult Interpret(string body)
    {
        using var document = ApolloJson.ParseOrNull(body)
            ?? throw new EnrichmentProviderException(Name, $"Apollo answered 200 with something other than JSON. {Excerpt(body)}".TrimEnd());
        if (ApolloJson.Object(document.RootElement, "person") is not { } person || !person.EnumerateObject().Any())
        {
            return EnrichmentResult.NotFound;
        }

        var organization = ApolloJson.Object(person, "organization");
        var email = ApolloJson.Text(person, "email") is { } address && !address.StartsWith(LockedEmailPrefix, StringComparison.OrdinalIgnoreCase)
            ? EmailAddresses.Normalize(address)
            : null;
        var emailStatus = ApolloJson.Text(person, "email_status");
        var employees = ApolloJson.Number(organization, "estimated_num_employees");

        return new EnrichmentResult(
            Found: true,
            Email: email,
            EmailVerified: email is null || emailStatus is null ? null : string.Equals(emailStatus, "verified", StringComparison.OrdinalIgnoreCase),
            Title: ApolloJson.Text(person, "title"),
            LinkedIn: LinkedInProfiles.Normalize(ApolloJson.Text(person, "linkedin_url")),
            Website: Websites.Normalize(ApolloJson.Text(organization, "website_url")),
            Phone: FirstPhone(person),
            Employees: employees is >= 0 and <= int.MaxValue ? (int)employees.Value : null,
            Revenue: ApolloJson.Number(organization, "annual_revenue"),
            Industry: ApolloJson.Text(organization, "industry"),
            Cost: options.CostPerMatch,
            Raw: body);
    }

    private static string? FirstPhone(JsonElement person) =>
        person.TryGetProperty("phone_numbers", out var numbers) && numbers.ValueKind == JsonValueKind.Array
        && numbers.GetArrayLength() > 0
            ? PhoneNumbers.Parse(ApolloJson.Text(numbers[0], "sanitized_number")).E164
            : null;

    private static ResiliencePipeline<HttpResponseMessage> CreatePipeline(ApolloOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            // A match changes nothing at Apollo, so any transient failure may be repeated. A 429 or 5xx is not
            // charged; a timed-out attempt might have been, and repeating it risks paying again. The attempts are
            // few and bounded, and that risk is taken rather than losing the answer.
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError),
                // Apollo's Retry-After beats our backoff, within the cap: a longer wait would hold a slot for minutes.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.Headers.RetryAfter?.Delta is { } delta ? (TimeSpan?)Clamp(delta, options.RetryMaxDelay) : null),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception,
                        "Apollo attempt {Attempt} failed ({Outcome}); retrying in {Delay}",
                        args.AttemptNumber + 1, args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name,
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan max) => value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300];
}
