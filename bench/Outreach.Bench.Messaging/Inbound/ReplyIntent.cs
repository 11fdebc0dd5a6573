namespace Outreach.Bench.Messaging.Inbound;

/// <summary>What the simulated person meant; compared afterwards with what the console classified.</summary>
public enum ReplyIntent
{
    OptOut,
    NotInterested,
    Question,
    Interested,
    WrongNumber,
    EmailCaptured,
    CalledLine,
    ThankYou,
    Noise,
}
