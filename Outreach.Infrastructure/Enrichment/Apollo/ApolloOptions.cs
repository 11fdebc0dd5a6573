namespace Outreach.Infrastructure.Enrichment.Apollo;

/// <summary>"Outreach:Enrichment:Apollo". The provider is off until <see cref="ApiKey"/> is set.</summary>
public sealed class ApolloOptions
{
    public const string DefaultBaseUrl = "https://api.apollo.io";

    public string? ApiKey { get; set; }

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>What one match costs us (the plan's price of a credit), recorded as the lookup's spend.</summary>
    public decimal CostPerMatch { get; set; } = 0.03m;

    /// <summary>Retries after the first attempt, for 429, 5xx, timeouts and dropped connections.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; doubles each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on any one backoff delay, including a Retry-After from Apollo.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit on one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}
