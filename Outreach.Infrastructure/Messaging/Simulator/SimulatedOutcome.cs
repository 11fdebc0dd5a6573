namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>What will happen to one accepted message; delays count from its acceptance.</summary>
/// <param name="SentAfter">When "sent" is reported; null when the message never leaves (status "failed").</param>
/// <param name="FinalStatus">"delivered", "undelivered" or "failed".</param>
/// <param name="ErrorCode">Twilio's error code for undelivered and failed messages.</param>
/// <param name="Reply">The recipient's answer, if any.</param>
internal sealed record SimulatedOutcome(TimeSpan? SentAfter, TimeSpan FinalAfter, string FinalStatus, int? ErrorCode, SimulatedReply? Reply);

/// <param name="Seed">Seeds the reply's text, written only when it is posted (see <see cref="SimulatorReplyWriter"/>).</param>
internal sealed record SimulatedReply(TimeSpan After, int Seed);
