using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Domain.Inbox;

namespace Outreach.Infrastructure.Messaging.Suggestions;

/// <summary>
/// Suggested replies for an inbound message: the team's templates (with their confidence) and, when an
/// OpenAI-compatible endpoint is configured, one drafted by the model. A model's draft always waits for a
/// human: it carries a confidence below any sensible auto-reply threshold and is marked as drafted.
/// </summary>
public sealed class ReplySuggestions(HttpClient http, IOptions<CompletionOptions> options, ILogger<ReplySuggestions> logger)
{
    public const int DraftConfidence = 50;
    public const int MaxDraftLength = 320;

    public async Task<IReadOnlyList<SuggestedReply>> ForAsync(
        string inboundBody, ReplyClassification classification, ClassificationProfile profile,
        IReadOnlyDictionary<string, string?> variables, CancellationToken cancellationToken)
    {
        var suggestions = SuggestedReplies.For(classification, profile, variables).ToList();
        if (classification.Kind is not (ReplyKind.OptOut or ReplyKind.OptIn or ReplyKind.HelpRequest) &&
            await DraftAsync(inboundBody, classification, profile, cancellationToken) is { } draft)
        {
            suggestions.Add(draft);
        }
        return suggestions;
    }

    private async Task<SuggestedReply?> DraftAsync(string inboundBody, ReplyClassification classification, ClassificationProfile profile, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return null;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var deliverable = profile.Deliverables.TryGetValue(classification.Kind, out var d) ? d : null;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.BaseUrl!.TrimEnd('/') + "/chat/completions")
        {
            Content = JsonContent.Create(new CompletionRequest(settings.Model,
            [
                new("system",
                    "You draft short, polite SMS replies for a business broker's team replying to business owners. " +
                    "At most 300 characters, no links, no promises about price, never argue. " +
                    $"The reply was classified as {classification.Kind}." +
                    (deliverable is null ? "" : $" Offer the {deliverable} when it fits.")),
                new("user", inboundBody),
            ], MaxTokens: 120, Temperature: 0.3)),
        };
        if (!string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The completion endpoint answered {Status}; no drafted suggestion", (int)response.StatusCode);
                return null;
            }
            var completion = await response.Content.ReadFromJsonAsync<CompletionResponse>(timeout.Token);
            var text = completion?.Choices?.FirstOrDefault()?.Message?.Content?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }
            return new SuggestedReply(text.Length <= MaxDraftLength ? text : text[..MaxDraftLength], DraftConfidence);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            // A slow or absent model must never hold up the inbox: the templates are still there.
            logger.LogWarning(ex, "The completion endpoint failed; no drafted suggestion");
            return null;
        }
    }

    private sealed record CompletionRequest(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("messages")] IReadOnlyList<ChatMessage> Messages,
        [property: JsonPropertyName("max_tokens")] int MaxTokens,
        [property: JsonPropertyName("temperature")] double Temperature);

    private sealed record ChatMessage(
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("content")] string? Content);

    private sealed record CompletionResponse([property: JsonPropertyName("choices")] IReadOnlyList<Choice>? Choices);

    private sealed record Choice([property: JsonPropertyName("message")] ChatMessage? Message);
}
