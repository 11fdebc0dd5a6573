namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>A send the simulator accepted, as remembered for idempotency and crash recovery.</summary>
internal sealed record AcceptedSend(
    string IdempotencyKey, string MessageSid, string To, string From, string Body, int Segments, decimal Cost, DateTimeOffset AcceptedAt);
