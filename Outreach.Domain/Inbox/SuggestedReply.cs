namespace Outreach.Domain.Inbox;

/// <summary>A reply an operator can review and send; <see cref="Confidence"/> (0-100) orders the suggestions.</summary>
public sealed record SuggestedReply(string Text, int Confidence);
