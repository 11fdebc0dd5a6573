using Scope = Outreach.Domain.Inbox.ReplyText.Scope;

namespace Outreach.Domain.Inbox;

/// <summary>
/// Classifies an inbound reply in microseconds, on the webhook's path. Kinds are tried in a fixed order and the
/// first that matches wins: opt-out (always first: it is the one a mistake costs money on), opt-in, help,
/// e-mail captured, called line, interested, not interested, question, thank-you, wrong number, other.
/// </summary>
public static class ReplyClassifier
{
    // Only the whole reply re-subscribes: "yes" inside a sentence is an answer to the question we asked.
    private static readonly KeywordSet OptIn = KeywordSet.Compile(CarrierKeywords.OptIn, Scope.Exact, negatable: false);

    private static readonly KeywordSet Help = KeywordSet.Compile(CarrierKeywords.Help, Scope.Reply, negatable: false);

    private static readonly char[] QuestionMarks = ['?', '¿', '？'];

    public static ReplyClassification Classify(string? body, ClassificationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);

        if (string.IsNullOrWhiteSpace(body))
        {
            // Nothing to misread: a picture-only message, or an empty webhook.
            return ReplyClassification.Create(ReplyKind.Other, 100);
        }

        var text = ReplyText.Parse(body);
        var rules = profile.Compiled;
        return OptOut(text, rules)
            ?? Whole(text, OptIn, ReplyKind.OptIn)
            ?? Whole(text, Help, ReplyKind.HelpRequest)
            ?? EmailCaptured(body, text)
            ?? FromKeywords(text, rules.CalledLine, ReplyKind.CalledLine, confidence: 85)
            ?? FromKeywords(text, rules.Interested, ReplyKind.Interested, confidence: 80)
            ?? FromKeywords(text, rules.NotInterested, ReplyKind.NotInterested, confidence: 85)
            ?? Question(body, text, rules)
            ?? FromKeywords(text, rules.ThankYou, ReplyKind.ThankYou, confidence: 80)
            ?? FromKeywords(text, rules.WrongNumber, ReplyKind.WrongNumber, confidence: 90)
            ?? ReplyClassification.Create(ReplyKind.Other, 40);
    }

    private static ReplyClassification? OptOut(ReplyText text, CompiledProfile rules)
    {
        if (OptOutRules.Carrier.Find(text) is { } carrier)
        {
            return OptedOut(carrier, carrier.Scope switch { Scope.Exact => 100, Scope.Reply => 95, _ => 90 });
        }
        if (rules.OptOutWords.Find(text) is { } configured)
        {
            return OptedOut(configured, configured.Scope switch { Scope.Exact => 95, Scope.Reply => 90, _ => 85 });
        }
        if ((OptOutRules.Phrases.Find(text) ?? rules.OptOutPhrases.Find(text)) is { } phrase)
        {
            return OptedOut(phrase, phrase.Scope >= Scope.Reply ? 95 : 90);
        }
        if ((OptOutRules.StopAtEdge.Find(text) ?? OptOutRules.Words.Find(text)) is { } other)
        {
            return OptedOut(other, 85);
        }
        if (OptOutRules.Misspelled(text) is { } misspelled)
        {
            return ReplyClassification.Create(ReplyKind.OptOut, 75, matchedKeyword: misspelled);
        }
        return null;

        static ReplyClassification OptedOut(KeywordMatch match, int confidence) =>
            ReplyClassification.Create(ReplyKind.OptOut, confidence, matchedKeyword: match.Keyword.Text);
    }

    private static ReplyClassification? Whole(ReplyText text, KeywordSet keywords, ReplyKind kind)
    {
        if (keywords.Find(text) is not { } match)
        {
            return null;
        }
        // A bare YES is most often the answer to our own question, so it re-subscribes with less certainty.
        var confidence = match.Keyword.Text == "YES" ? 70 : match.Scope == Scope.Exact ? 100 : 95;
        return ReplyClassification.Create(kind, confidence, matchedKeyword: match.Keyword.Text);
    }

    private static ReplyClassification? EmailCaptured(string body, ReplyText text) =>
        EmailAddressFinder.Find(body, text) is (string address, var form)
            ? ReplyClassification.Create(ReplyKind.EmailCaptured, form == EmailAddressFinder.Form.Written ? 95 : 80, extractedEmail: address)
            : null;

    private static ReplyClassification? Question(string body, ReplyText text, CompiledProfile rules)
    {
        var asked = body.AsSpan().IndexOfAny(QuestionMarks) >= 0;
        var keyword = rules.Question.Find(text);
        return (asked, keyword) switch
        {
            (true, { } match) => ReplyClassification.Create(ReplyKind.Question, 90, matchedKeyword: match.Keyword.Text),
            (true, null) => ReplyClassification.Create(ReplyKind.Question, 80, matchedKeyword: "?"),
            (false, { } match) => ReplyClassification.Create(ReplyKind.Question, 70, matchedKeyword: match.Keyword.Text),
            _ => null,
        };
    }

    private static ReplyClassification? FromKeywords(ReplyText text, KeywordSet keywords, ReplyKind kind, int confidence) =>
        keywords.Find(text) is { } match
            // A keyword that is the whole reply ("Not interested.") says more than one inside a paragraph.
            ? ReplyClassification.Create(kind, match.Scope >= Scope.Reply ? confidence + 10 : confidence, matchedKeyword: match.Keyword.Text)
            : null;
}
