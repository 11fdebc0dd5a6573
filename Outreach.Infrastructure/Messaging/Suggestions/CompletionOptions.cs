namespace Outreach.Infrastructure.Messaging.Suggestions;

/// <summary>
/// An OpenAI-compatible chat-completions endpoint ("Outreach:Messaging:Suggestions"), for example a local
/// model server. Off unless <see cref="BaseUrl"/> is set.
/// </summary>
public sealed class CompletionOptions
{
    public const string Section = "Outreach:Messaging:Suggestions";

    /// <summary>The API root, e.g. http://127.0.0.1:11434/v1; requests go to {BaseUrl}/chat/completions.</summary>
    public string? BaseUrl { get; set; }

    public string Model { get; set; } = "llama3.1";

    /// <summary>Sent as a bearer token when set; local servers usually need none.</summary>
    public string? ApiKey { get; set; }

    public int TimeoutSeconds { get; set; } = 10;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);
}
