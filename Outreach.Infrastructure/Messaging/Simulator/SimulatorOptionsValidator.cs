using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// Fails start-up with the name of the setting at fault. PublicBaseUrl and SigningKey may be empty: the host
/// can supply both at run time (<see cref="ISimulatorEndpoint"/>, <see cref="ISimulatorSigningKey"/>).
/// </summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    // Keeps every scheduled wait (at most 60 s of reply delay, scaled) far below what a timer accepts.
    private const double MaxDelayScale = 1000;

    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        const string section = SimulatorOptions.Section;

        RequireProbability(failures, $"{section}:FailureRate", options.FailureRate);
        RequireProbability(failures, $"{section}:ReplyRate", options.ReplyRate);
        if (!double.IsFinite(options.DelayScale) || options.DelayScale is < 0 or > MaxDelayScale)
        {
            failures.Add($"{section}:DelayScale must be between 0 and {MaxDelayScale}; it is {options.DelayScale}.");
        }
        if (options.PricePerSegment < 0)
        {
            failures.Add($"{section}:PricePerSegment must not be negative; it is {options.PricePerSegment}.");
        }
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl)
                || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{section}:PublicBaseUrl must be an absolute http(s) URL; it is '{options.PublicBaseUrl}'.");
        }
        if (options.MaxConcurrentWebhooks is < 1 or > 1024)
        {
            failures.Add($"{section}:MaxConcurrentWebhooks must be between 1 and 1024; it is {options.MaxConcurrentWebhooks}.");
        }
        if (options.WebhookAttempts is < 1 or > 10)
        {
            failures.Add($"{section}:WebhookAttempts must be between 1 and 10; it is {options.WebhookAttempts}.");
        }
        if (options.WebhookRetryDelay < TimeSpan.Zero || options.WebhookRetryDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:WebhookRetryDelay must be between 0 and 5 minutes; it is {options.WebhookRetryDelay}.");
        }

        ValidatePersonas(failures, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePersonas(List<string> failures, SimulatorOptions options)
    {
        var known = SimulatorPersona.Defaults.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (persona, weight) in options.Personas)
        {
            if (!known.Contains(persona))
            {
                failures.Add($"{SimulatorOptions.Section}:Personas:{persona} is not a persona; "
                    + $"known personas are {string.Join(", ", SimulatorPersona.Defaults.Select(p => p.Name))}.");
            }
            else if (!double.IsFinite(weight) || weight < 0)
            {
                failures.Add($"{SimulatorOptions.Section}:Personas:{persona} must be a weight of 0 or more; it is {weight}.");
            }
        }

        if (options.ReplyRate > 0 && SimulatorPersona.WithWeights(options.Personas).Sum(p => p.Weight) <= 0)
        {
            failures.Add($"{SimulatorOptions.Section}:Personas gives every persona a weight of 0, but ReplyRate is {options.ReplyRate}: "
                + "give at least one persona a weight, or set ReplyRate to 0.");
        }
    }

    private static void RequireProbability(List<string> failures, string key, double value)
    {
        if (!double.IsFinite(value) || value is < 0 or > 1)
        {
            failures.Add($"{key} must be between 0 and 1; it is {value}.");
        }
    }
}
