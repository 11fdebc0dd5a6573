namespace Outreach.Domain.Inbox;

/// <summary>
/// A keyword ready for matching: <see cref="Text"/> as configured (for <see cref="ReplyClassification.MatchedKeyword"/>),
/// <see cref="Padded"/> normalised like <see cref="ReplyText.Padded"/>, and how much of the reply it must make up.
/// </summary>
internal sealed record Keyword(string Text, string Padded, ReplyText.Scope Minimum)
{
    /// <summary>Marks a configured keyword that matches only as the whole reply: "=no" matches "No." but not "no problem".</summary>
    public const char WholeReplyPrefix = '=';

    /// <summary>Null when the keyword has no words left after normalisation ("!!!", "🙂").</summary>
    public static Keyword? Create(string text, ReplyText.Scope minimum)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith(WholeReplyPrefix))
        {
            trimmed = trimmed[1..].Trim();
            minimum = ReplyText.Scope.Reply;
        }
        var normalised = ReplyText.NormaliseKeyword(trimmed);
        return normalised.Length == 0 ? null : new Keyword(trimmed, $" {normalised} ", minimum);
    }

    public bool IsSingleWord => Padded.IndexOf(' ', 1) == Padded.Length - 1;
}
