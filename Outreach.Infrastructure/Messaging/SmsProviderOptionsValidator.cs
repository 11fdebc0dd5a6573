using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Messaging;

/// <summary>
/// No provider is required (the simulator is the default), but a provider configured halfway fails at start with
/// the name of the missing setting instead of failing its first send.
/// </summary>
internal sealed class SmsProviderOptionsValidator : IValidateOptions<SmsProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsProviderOptions options)
    {
        var failures = new List<string>();
        const string twilio = SmsProviderOptions.Section + ":Twilio";
        const string signalHouse = SmsProviderOptions.Section + ":SignalHouse";
        const string retry = SmsProviderOptions.Section + ":Retry";

        var t = options.Twilio;
        RequireTogether(failures, twilio, ("AccountSid", t.AccountSid), ("AuthToken", t.AuthToken));
        RequireHttpUrl(failures, $"{twilio}:BaseUrl", t.BaseUrl);

        var s = options.SignalHouse;
        RequireTogether(failures, signalHouse, ("ApiToken", s.ApiToken), ("GroupId", s.GroupId), ("WebhookSecret", s.WebhookSecret));
        RequireHttpUrl(failures, $"{signalHouse}:BaseUrl", s.BaseUrl);

        var r = options.Retry;
        if (r.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{retry}:MaxRetryAttempts must be between 0 and 10.");
        }
        RequirePositive(failures, $"{retry}:BaseDelay", r.BaseDelay);
        RequirePositive(failures, $"{retry}:MaxDelay", r.MaxDelay);
        RequirePositive(failures, $"{retry}:AttemptTimeout", r.AttemptTimeout);
        RequirePositive(failures, $"{retry}:RescheduleAfter", r.RescheduleAfter);
        if (r.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{retry}:MaxRetryAfter must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireTogether(List<string> failures, string section, params (string Key, string? Value)[] settings)
    {
        var present = settings.Where(s => !string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key).ToList();
        if (present.Count == 0 || present.Count == settings.Length)
        {
            return;
        }
        foreach (var (key, value) in settings.Where(s => string.IsNullOrWhiteSpace(s.Value)))
        {
            failures.Add($"{section}:{key} is not set, but {string.Join(" and ", present.Select(p => $"{section}:{p}"))} is: "
                + $"set all of {string.Join(", ", settings.Select(s => s.Key))}, or none to leave the provider off.");
        }
    }

    private static void RequireHttpUrl(List<string> failures, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key} must be an absolute http(s) URL; it is '{value}'.");
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
