namespace Outreach.Domain.Inbox;

/// <summary>
/// The classifier's verdict on one reply. <see cref="Confidence"/> runs from 0 to 100; <see cref="MatchedKeyword"/>
/// is the keyword or phrase that decided (as configured), and <see cref="ExtractedEmail"/> the lower-cased address
/// found in the reply.
/// </summary>
public sealed record ReplyClassification(
    ReplyKind Kind,
    int Confidence,
    LeadPriority Priority,
    InboxBucket Bucket,
    string? ExtractedEmail,
    string? MatchedKeyword,
    ScoreChange ScoreChange)
{
    /// <summary>A classification whose priority, bucket and score change follow from <paramref name="kind"/>.</summary>
    public static ReplyClassification Create(ReplyKind kind, int confidence, string? extractedEmail = null, string? matchedKeyword = null) =>
        new(kind, Math.Clamp(confidence, 0, 100), kind.ToPriority(), kind.ToBucket(), extractedEmail, matchedKeyword, kind.ToScoreChange());
}
