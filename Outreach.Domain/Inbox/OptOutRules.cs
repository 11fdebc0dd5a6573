namespace Outreach.Domain.Inbox;

/// <summary>
/// The opt-out rules no profile can remove. Missing an opt-out is a TCPA violation while a false one costs a
/// single lead, so these lean towards honouring anything that reads as "stop texting me", as long as it is not
/// negated ("don't stop") or a different sentence altogether ("can't stop thinking about selling").
/// </summary>
internal static class OptOutRules
{
    /// <summary>
    /// Carrier keywords count when they are the whole reply or a sentence of their own ("Not interested. STOP"),
    /// never inside one.
    /// </summary>
    public static KeywordSet Carrier { get; } = KeywordSet.Compile(CarrierKeywords.OptOut, ReplyText.Scope.Clause, negatable: false);

    /// <summary>
    /// STOP also counts as the last word of an unpunctuated reply ("Not interested stop"), unless negated
    /// ("please don't stop"). Not as the first ("Stop by my office"), and END, CANCEL and QUIT never do:
    /// "the end of the month" and "cancel my appointment" are not opt-outs.
    /// </summary>
    public static KeywordSet StopAtEdge { get; } = KeywordSet.Compile(["STOP", "STOPALL"], ReplyText.Scope.Edge, negatable: true);

    /// <summary>Plain-language requests, matched anywhere unless negated.</summary>
    public static KeywordSet Phrases { get; } = KeywordSet.Compile(
    [
        "stop texting", "stop text", "stop txting", "stop txt", "stop messaging", "stop sending", "stop contacting",
        "stop calling", "stop bothering", "stop bugging", "stop wasting", "stop spamming", "stop harassing", "stop emailing", "stop the texts", "cancel subscription", "cancel my subscription",
        "quit texting", "quit messaging", "quit contacting", "quit calling", "quit bothering",
        "remove me", "remove my number", "remove this number", "remove my info", "remove us",
        "take me off", "take my number off", "take this number off", "take us off", "delete my number",
        "delete this number", "lose my number", "lose this number",
        "do not contact", "dont contact", "do not text me", "dont text me", "do not text this number",
        "dont text this number", "do not call me", "dont call me", "do not call list", "do not message me",
        "dont message me", "dont call back", "do not call back", "never text", "never contact", "never message", "never call",
        "unsubscribe", "unsub", "opt out", "opt me out", "no more texts", "no more text", "no more messages",
        "no more msgs", "leave me alone", "harassment", "harassing me", "dnc", "report you", "reporting you",
        "reported you", "sue you", "fcc", "ftc",
        // The FCC's 2024 order: consent may be revoked "by any reasonable means", and a reply that uses revoke, opt
        // out, cancel, end, quit, unsubscribe or stop in a request to stop is one.
        "revoke", "revoking", "revoked", "withdraw my consent", "withdraw consent", "no longer consent", "do not consent",
        "dont consent", "cancel texts", "cancel the texts", "cancel these texts", "cancel text messages", "cancel messages",
        "cancel these messages", "cancel the messages", "cancel me", "cancel my number", "end texts", "end the texts",
        "end these texts", "end text messages", "end messages", "end the messages", "end these messages", "quit sending",
        "quit the texts",
        // Canadian French (Canadian numbers are common in these lists).
        "arrete de m'ecrire", "arretez de m'ecrire", "arretez de me texter", "arrete de me texter", "arretez les messages",
        "desabonner", "desabonnez moi", "desabonne moi", "desinscrire", "desinscrivez moi", "retirez moi", "retirez mon numero",
        "enlevez moi", "enlevez mon numero", "ne plus recevoir", "veux plus recevoir", "plus de messages", "plus de textos", "ne m'ecrivez plus",
        "ne me textez plus", "ne me contactez plus", "ne pas contacter", "laissez moi tranquille", "annuler l'abonnement",
    ], ReplyText.Scope.Phrase, negatable: true);

    /// <summary>Words that mean "stop" only when they are all there is: "Remove" but not "remove the old sign".</summary>
    public static KeywordSet Words { get; } = KeywordSet.Compile(
        ["remove", "delete", "no more", "enough", "arret", "arrete", "arretez", "fin", "desabonnement"], ReplyText.Scope.Reply, negatable: false);

    // Long or distinctive enough that a typo is still unmistakable; END would turn into "and" and "ned".
    private static readonly string[] Misspellable = ["stop", "stopall", "unsubscribe", "cancel", "quit", "revoke", "optout"];

    /// <summary>The carrier keyword a one-word reply misspells ("stpo", "unsubscibe", "cancle"), if any.</summary>
    public static string? Misspelled(ReplyText text)
    {
        if (!text.TryGetSoleWord(out var word))
        {
            return null;
        }
        foreach (var keyword in Misspellable)
        {
            if (IsMisspelling(word, keyword))
            {
                return keyword.ToUpperInvariant();
            }
        }
        return null;
    }

    internal static bool IsMisspelling(ReadOnlySpan<char> word, string keyword) =>
        CollapsesTo(word, keyword)
        || IsAdjacentTransposition(word, keyword)
        // Seven letters and up, one slip of the finger is still the keyword; shorter words have real neighbours
        // ("stop": "step", "shop", "top").
        || (keyword.Length >= 7 && IsOneEditAway(word, keyword));

    // "stooop", "stopp", "cancell": held or doubled keys. A letter repeated beyond what the keyword has is skipped;
    // the keyword's own doubles ("stopall") still have to be typed.
    private static bool CollapsesTo(ReadOnlySpan<char> word, string keyword)
    {
        var k = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var repeatsPrevious = i > 0 && word[i] == word[i - 1];
            var keywordWantsItAgain = k < keyword.Length && keyword[k] == word[i];
            if (repeatsPrevious && !keywordWantsItAgain)
            {
                continue;
            }
            if (k >= keyword.Length || keyword[k] != word[i])
            {
                return false;
            }
            k++;
        }
        return k == keyword.Length;
    }

    private static bool IsAdjacentTransposition(ReadOnlySpan<char> word, string keyword)
    {
        if (word.Length != keyword.Length)
        {
            return false;
        }
        var first = word.CommonPrefixLength(keyword);
        return first < word.Length - 1
            && word[first] == keyword[first + 1]
            && word[first + 1] == keyword[first]
            && word[(first + 2)..].SequenceEqual(keyword.AsSpan(first + 2));
    }

    private static bool IsOneEditAway(ReadOnlySpan<char> word, string keyword)
    {
        var target = keyword.AsSpan();
        if (Math.Abs(word.Length - target.Length) > 1)
        {
            return false;
        }
        var prefix = word.CommonPrefixLength(target);
        if (prefix == word.Length && prefix == target.Length)
        {
            return true;
        }
        var wordRest = word[prefix..];
        var targetRest = target[prefix..];
        return word.Length == target.Length
            ? wordRest[1..].SequenceEqual(targetRest[1..])
            : word.Length > target.Length
                ? wordRest[1..].SequenceEqual(targetRest)
                : wordRest.SequenceEqual(targetRest[1..]);
    }
}
