using Outreach.Domain.Messaging;

namespace Outreach.Domain.Inbox;

/// <summary>
/// Reply suggestions for the operator to review, drawn from the team's templates. Nothing here is sent
/// automatically, and an opt-out never gets a suggestion: the provider sends the single confirmation the
/// rules allow, and any further message would go to someone who said stop.
/// </summary>
public static class SuggestedReplies
{
    /// <summary>Variables the suggestions fill in themselves unless the caller supplies them.</summary>
    public const string DeliverableVariable = "deliverable";
    public const string EmailVariable = "email";

    public static IReadOnlyList<SuggestedReply> For(
        ReplyClassification classification,
        ClassificationProfile profile,
        IReadOnlyDictionary<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(variables);

        var (template, confidence) = classification.Kind switch
        {
            ReplyKind.OptOut => (null, 0),
            // HELP is a carrier keyword with a required answer, so the answer is certain whatever the wording.
            ReplyKind.HelpRequest => (profile.HelpText, 100),
            var kind => (profile.ReplyTemplates.GetValueOrDefault(kind), classification.Confidence),
        };
        if (string.IsNullOrWhiteSpace(template))
        {
            return [];
        }

        var text = MessageTemplate.Render(template, WithReplyVariables(classification, profile, variables)).Trim();
        return text.Length == 0 ? [] : [new SuggestedReply(text, confidence)];
    }

    private static Dictionary<string, string?> WithReplyVariables(
        ReplyClassification classification,
        ClassificationProfile profile,
        IReadOnlyDictionary<string, string?> variables)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in variables)
        {
            merged[name] = value;
        }
        if (profile.Deliverables.TryGetValue(classification.Kind, out var deliverable))
        {
            merged.TryAdd(DeliverableVariable, deliverable);
        }
        if (classification.ExtractedEmail is { } email)
        {
            merged.TryAdd(EmailVariable, email);
        }
        return merged;
    }
}
