namespace Outreach.Infrastructure.Messaging;

/// <summary>One outbound SMS as a provider sees it.</summary>
/// <param name="MessageId">Our outbound message id (the queue row).</param>
/// <param name="From">Sender in E.164.</param>
/// <param name="To">Recipient in E.164.</param>
/// <param name="Body">The rendered text, sent verbatim.</param>
/// <param name="StatusCallback">Where the provider posts delivery receipts, or null for none.</param>
/// <param name="IdempotencyKey">Stable per queue row; providers that support idempotent sends receive it.</param>
public sealed record ProviderSendRequest(Guid MessageId, string From, string To, string Body, Uri? StatusCallback, string IdempotencyKey);
