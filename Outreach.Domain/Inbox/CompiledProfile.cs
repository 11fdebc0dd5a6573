namespace Outreach.Domain.Inbox;

/// <summary>A <see cref="ClassificationProfile"/> with every keyword normalised, split and sorted once.</summary>
internal sealed class CompiledProfile
{
    public CompiledProfile(ClassificationProfile profile)
    {
        // A configured single word behaves like a carrier keyword; a phrase matches anywhere unless negated.
        var optOut = profile.OptOutPhrases
            .Select(phrase => Keyword.Create(phrase, ReplyText.Scope.Phrase))
            .OfType<Keyword>()
            .ToArray();
        OptOutWords = KeywordSet.Compile(
            optOut.Where(keyword => keyword.IsSingleWord).Select(keyword => keyword with { Minimum = Max(keyword.Minimum, ReplyText.Scope.Clause) }),
            negatable: false);
        OptOutPhrases = KeywordSet.Compile(optOut.Where(keyword => !keyword.IsSingleWord), negatable: true);

        CalledLine = KeywordSet.Compile(profile.CalledLineKeywords, ReplyText.Scope.Phrase, negatable: true);
        Interested = KeywordSet.Compile(profile.InterestedKeywords, ReplyText.Scope.Phrase, negatable: true);
        // Already negative: "not interested" must not be cancelled by its own "not".
        NotInterested = KeywordSet.Compile(profile.NotInterestedKeywords, ReplyText.Scope.Phrase, negatable: false);
        Question = KeywordSet.Compile(profile.QuestionKeywords, ReplyText.Scope.Phrase, negatable: false);
        ThankYou = KeywordSet.Compile(profile.ThankYouKeywords, ReplyText.Scope.Phrase, negatable: true);
        WrongNumber = KeywordSet.Compile(profile.WrongNumberKeywords, ReplyText.Scope.Phrase, negatable: false);
    }

    public KeywordSet OptOutWords { get; }
    public KeywordSet OptOutPhrases { get; }
    public KeywordSet CalledLine { get; }
    public KeywordSet Interested { get; }
    public KeywordSet NotInterested { get; }
    public KeywordSet Question { get; }
    public KeywordSet ThankYou { get; }
    public KeywordSet WrongNumber { get; }

    private static ReplyText.Scope Max(ReplyText.Scope a, ReplyText.Scope b) => a > b ? a : b;
}
