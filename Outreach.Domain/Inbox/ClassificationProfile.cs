using System.Collections.ObjectModel;
using Outreach.Domain.Messaging;

namespace Outreach.Domain.Inbox;

/// <summary>
/// A team's classification settings, edited in Settings and stored as JSON. Keywords match whole words anywhere
/// in a reply, ignoring case, accents, punctuation and apostrophes ("dont" = "don't"); a keyword starting with
/// <c>=</c> matches only when it is the whole reply ("=no" matches "No." but not "no problem"). Carrier keywords
/// (<see cref="CarrierKeywords"/>) always apply and cannot be configured away.
/// </summary>
/// <remarks>
/// The classifier compiles a profile on first use and keeps the result with the instance, so load a team's
/// profile once and reuse it rather than deserialising it for every reply. Treat an instance as immutable; the
/// collections are copied when set.
/// </remarks>
public sealed class ClassificationProfile
{
    public const int MaxKeywordsPerList = 300;
    public const int MaxKeywordLength = 100;
    public const int MaxHelpTextLength = 320;
    public const int MaxTemplateLength = 1600;
    public const int MaxDeliverableLength = 100;

    private CompiledProfile? compiled;

    public static ClassificationProfile Default { get; } = new();

    /// <summary>
    /// Opt-out wording on top of the carrier keywords, such as Spanish "ALTO". A single word counts like STOP:
    /// as the whole reply or a sentence of its own, so "ALTO" opts out but "el precio es alto" does not. A phrase
    /// counts anywhere in the reply unless negated.
    /// </summary>
    public IReadOnlyList<string> OptOutPhrases { get; init => field = Freeze(value); } = DefaultKeywords.OptOut;

    /// <summary>The prospect called, left a voicemail, or asked to be called at a number.</summary>
    public IReadOnlyList<string> CalledLineKeywords { get; init => field = Freeze(value); } = DefaultKeywords.CalledLine;

    public IReadOnlyList<string> InterestedKeywords { get; init => field = Freeze(value); } = DefaultKeywords.Interested;

    public IReadOnlyList<string> NotInterestedKeywords { get; init => field = Freeze(value); } = DefaultKeywords.NotInterested;

    /// <summary>Questions asked without a question mark ("who is this"); any reply with '?' is a question anyway.</summary>
    public IReadOnlyList<string> QuestionKeywords { get; init => field = Freeze(value); } = DefaultKeywords.Question;

    public IReadOnlyList<string> ThankYouKeywords { get; init => field = Freeze(value); } = DefaultKeywords.ThankYou;

    public IReadOnlyList<string> WrongNumberKeywords { get; init => field = Freeze(value); } = DefaultKeywords.WrongNumber;

    /// <summary>The reply to HELP and INFO. Carriers require it to name the sender and say how to opt out.</summary>
    public string HelpText { get; init => field = value ?? string.Empty; } =
        "{{teamName|Our team}}: reply here to reach a person. Reply STOP to opt out. Msg & data rates may apply.";

    /// <summary>What the team offers per kind of reply, available to templates as <c>{{deliverable}}</c>.</summary>
    public IReadOnlyDictionary<ReplyKind, string> Deliverables { get; init => field = Freeze(value); } =
        Freeze(new Dictionary<ReplyKind, string>
        {
            [ReplyKind.EmailCaptured] = "valuation report",
            [ReplyKind.Interested] = "valuation report",
        });

    /// <summary>Suggested reply per kind of reply, with <c>{{variables}}</c> (see <see cref="MessageTemplate"/>).</summary>
    public IReadOnlyDictionary<ReplyKind, string> ReplyTemplates { get; init => field = Freeze(value); } =
        Freeze(new Dictionary<ReplyKind, string>
        {
            [ReplyKind.EmailCaptured] = "Thanks, {{firstName|there}}! I'll send the {{deliverable|details}} to {{email|your inbox}} today.",
            [ReplyKind.CalledLine] = "Hi {{firstName|there}}, sorry I missed you. When is a good time to call you back?",
            [ReplyKind.Interested] = "Great to hear, {{firstName|there}}! What's the best email to send your free {{deliverable|information}} to?",
            [ReplyKind.Question] = "Good question, {{firstName|there}}. This is {{senderName|our team}}; we help owners explore selling. Happy to explain on a quick call?",
            [ReplyKind.NotInterested] = "Understood, {{firstName|there}}. Thanks for letting me know. If anything changes, just reply here.",
            [ReplyKind.ThankYou] = "You're welcome, {{firstName|there}}!",
            [ReplyKind.WrongNumber] = "Sorry about that, we'll update our records.",
            [ReplyKind.OptIn] = "Thanks, you're subscribed again. Reply STOP to opt out.",
        });

    internal CompiledProfile Compiled => compiled ??= new CompiledProfile(this);

    /// <summary>Checks the profile before it is saved; the errors are written for the operator editing it.</summary>
    public ClassificationProfileValidation Validate()
    {
        var errors = new List<string>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);

        CheckKeywords("Opt-out phrases", OptOutPhrases, errors, owners);
        CheckKeywords("Called-line keywords", CalledLineKeywords, errors, owners);
        CheckKeywords("Interested keywords", InterestedKeywords, errors, owners);
        CheckKeywords("Not-interested keywords", NotInterestedKeywords, errors, owners);
        CheckKeywords("Question keywords", QuestionKeywords, errors, owners);
        CheckKeywords("Thank-you keywords", ThankYouKeywords, errors, owners);
        CheckKeywords("Wrong-number keywords", WrongNumberKeywords, errors, owners);

        if (string.IsNullOrWhiteSpace(HelpText))
        {
            errors.Add("The HELP reply is empty; carriers require one.");
        }
        else
        {
            if (HelpText.Length > MaxHelpTextLength)
            {
                errors.Add($"The HELP reply has {HelpText.Length} characters; the limit is {MaxHelpTextLength}.");
            }
            if (!HelpText.Contains("STOP", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("The HELP reply must tell people how to opt out (reply STOP).");
            }
            CheckPlaceholders("The HELP reply", HelpText, errors);
        }

        foreach (var (kind, deliverable) in Deliverables)
        {
            if (string.IsNullOrWhiteSpace(deliverable))
            {
                errors.Add($"The deliverable for {kind} is empty.");
            }
            else if (deliverable.Length > MaxDeliverableLength)
            {
                errors.Add($"The deliverable for {kind} has {deliverable.Length} characters; the limit is {MaxDeliverableLength}.");
            }
        }

        foreach (var (kind, template) in ReplyTemplates)
        {
            if (kind == ReplyKind.OptOut)
            {
                // The provider sends the one confirmation the law allows; anything more is a message to someone who said stop.
                errors.Add("Opt-outs cannot have a suggested reply.");
            }
            else if (kind == ReplyKind.HelpRequest)
            {
                errors.Add("HELP requests are answered with the HELP reply, not a template.");
            }
            else if (string.IsNullOrWhiteSpace(template))
            {
                errors.Add($"The reply template for {kind} is empty.");
            }
            else
            {
                if (template.Length > MaxTemplateLength)
                {
                    errors.Add($"The reply template for {kind} has {template.Length} characters; the limit is {MaxTemplateLength}.");
                }
                CheckPlaceholders($"The reply template for {kind}", template, errors);
            }
        }

        return new ClassificationProfileValidation(errors);
    }

    private static void CheckKeywords(string list, IReadOnlyList<string> keywords, List<string> errors, Dictionary<string, string> owners)
    {
        if (keywords.Count > MaxKeywordsPerList)
        {
            errors.Add($"{list}: {keywords.Count} entries; the limit is {MaxKeywordsPerList}.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keywords.Count; i++)
        {
            var keyword = keywords[i];
            if (string.IsNullOrWhiteSpace(keyword))
            {
                errors.Add($"{list}: entry {i + 1} is empty.");
                continue;
            }
            if (keyword.Length > MaxKeywordLength)
            {
                errors.Add($"{list}: \"{Shorten(keyword)}\" has {keyword.Length} characters; the limit is {MaxKeywordLength}.");
                continue;
            }
            if (Keyword.Create(keyword, ReplyText.Scope.Phrase) is not { } compiled)
            {
                errors.Add($"{list}: \"{keyword}\" has no letters or digits to match.");
                continue;
            }
            if (!seen.Add(compiled.Padded))
            {
                errors.Add($"{list}: \"{keyword}\" is listed twice.");
                continue;
            }
            // Classification stops at the first kind that matches, so a keyword in two lists only ever counts for one.
            if (!owners.TryAdd(compiled.Padded, list))
            {
                errors.Add($"{list}: \"{keyword}\" is also in {owners[compiled.Padded]}.");
            }
        }
    }

    private static void CheckPlaceholders(string what, string template, List<string> errors)
    {
        if (!MessageTemplate.IsWellFormed(template))
        {
            errors.Add($"{what} has a malformed {{{{placeholder}}}}; use {{{{name}}}} or {{{{name|fallback}}}}.");
        }
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : $"{text[..29]}…";

    private static ReadOnlyCollection<string> Freeze(IReadOnlyList<string>? values) =>
        values is null ? ReadOnlyCollection<string>.Empty : values.ToArray().AsReadOnly();

    private static ReadOnlyDictionary<ReplyKind, string> Freeze(IReadOnlyDictionary<ReplyKind, string>? values) =>
        values is null ? ReadOnlyDictionary<ReplyKind, string>.Empty : new Dictionary<ReplyKind, string>(values).AsReadOnly();
}
