namespace Outreach.Domain.Inbox;

/// <summary>What an inbound reply means, decided by <see cref="ReplyClassifier"/>; stored as text.</summary>
public enum ReplyKind
{
    OptOut,
    OptIn,
    HelpRequest,
    EmailCaptured,
    CalledLine,
    Interested,
    NotInterested,
    Question,
    ThankYou,
    WrongNumber,
    Other,
}
