using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Enrichment;

/// <summary>
/// Fails at start, naming the setting, rather than at the first lookup: a paid provider chosen without its key,
/// or limits that would make the throttle meaningless.
/// </summary>
internal sealed class EnrichmentOptionsValidator : IValidateOptions<EnrichmentOptions>
{
    public ValidateOptionsResult Validate(string? name, EnrichmentOptions options)
    {
        const string section = EnrichmentOptions.Section;
        const string apollo = section + ":Apollo";
        var failures = new List<string>();

        switch (options.Provider?.Trim().ToLowerInvariant())
        {
            case EnrichmentProviderNames.Derived:
                break;
            case EnrichmentProviderNames.Apollo when !options.Apollo.IsConfigured:
                failures.Add($"{section}:Provider is '{EnrichmentProviderNames.Apollo}' but {apollo}:ApiKey is not set: " +
                    $"set it, or set {section}:Provider to '{EnrichmentProviderNames.Derived}'.");
                break;
            case EnrichmentProviderNames.Apollo:
                break;
            default:
                failures.Add($"{section}:Provider must be '{EnrichmentProviderNames.Derived}' or '{EnrichmentProviderNames.Apollo}'; it is '{options.Provider}'.");
                break;
        }

        // Zero days would pay again for every repeated lookup, which is what the record exists to prevent.
        RequireRange(failures, $"{section}:ReuseDays", options.ReuseDays, 1, 3650);
        RequireRange(failures, $"{section}:MaxConcurrency", options.MaxConcurrency, 1, 64);
        // The bucket refills one token every minute / RequestsPerMinute; beyond 6000 that is under 10 ms.
        RequireRange(failures, $"{section}:RequestsPerMinute", options.RequestsPerMinute, 1, 6000);

        var a = options.Apollo;
        if (!Uri.TryCreate(a.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{apollo}:BaseUrl must be an absolute http(s) URL; it is '{a.BaseUrl}'.");
        }
        if (a.CostPerMatch < 0)
        {
            failures.Add($"{apollo}:CostPerMatch must not be negative.");
        }
        RequireRange(failures, $"{apollo}:MaxRetryAttempts", a.MaxRetryAttempts, 0, 10);
        RequirePositive(failures, $"{apollo}:RetryBaseDelay", a.RetryBaseDelay);
        RequirePositive(failures, $"{apollo}:RetryMaxDelay", a.RetryMaxDelay);
        RequirePositive(failures, $"{apollo}:AttemptTimeout", a.AttemptTimeout);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireRange(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min} and {max}; it is {value}.");
        }
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be positive.");
        }
    }
}
