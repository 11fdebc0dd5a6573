namespace Outreach.Domain.Inbox;

/// <summary>
/// What each kind of reply means for the inbox and the lead score. Kept apart from the classifier so that an
/// operator's manual reclassification files and scores the conversation exactly as the classifier would.
/// </summary>
public static class ReplyKindExtensions
{
    public static LeadPriority ToPriority(this ReplyKind kind) => kind switch
    {
        ReplyKind.EmailCaptured or ReplyKind.CalledLine or ReplyKind.Interested => LeadPriority.Hot,
        ReplyKind.Question or ReplyKind.OptIn or ReplyKind.HelpRequest or ReplyKind.ThankYou => LeadPriority.Warm,
        _ => LeadPriority.Cold,
    };

    public static InboxBucket ToBucket(this ReplyKind kind) => kind switch
    {
        ReplyKind.EmailCaptured => InboxBucket.EmailCaptures,
        ReplyKind.CalledLine or ReplyKind.Interested or ReplyKind.Question => InboxBucket.HotResponses,
        ReplyKind.NotInterested or ReplyKind.WrongNumber => InboxBucket.Objections,
        ReplyKind.OptOut => InboxBucket.DoNotContact,
        _ => InboxBucket.Other,
    };

    public static ScoreChange ToScoreChange(this ReplyKind kind) => kind switch
    {
        ReplyKind.EmailCaptured => ScoreChange.By(50),
        ReplyKind.CalledLine => ScoreChange.By(100),
        ReplyKind.Interested => ScoreChange.By(25),
        ReplyKind.NotInterested => ScoreChange.By(-50),
        // An opt-out ends the relationship; whatever the prospect scored before no longer means anything.
        ReplyKind.OptOut => ScoreChange.Reset,
        _ => ScoreChange.None,
    };

    /// <summary>The kind in words, for people.</summary>
    public static string Label(this ReplyKind kind) => kind switch
    {
        ReplyKind.OptOut => "Opt-out",
        ReplyKind.OptIn => "Opt-in",
        ReplyKind.HelpRequest => "Help request",
        ReplyKind.EmailCaptured => "E-mail captured",
        ReplyKind.CalledLine => "Called our line",
        ReplyKind.NotInterested => "Not interested",
        ReplyKind.ThankYou => "Thank you",
        ReplyKind.WrongNumber => "Wrong number",
        _ => kind.ToString(),
    };
}
