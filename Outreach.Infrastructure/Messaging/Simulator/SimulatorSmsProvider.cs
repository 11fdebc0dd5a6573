using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Domain.Messaging;

namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// The embedded default provider: accepts every send in memory at once, then plays the network back to the
/// console through the same Twilio webhooks a real account would receive (status callbacks with carrier
/// failures, and replies from a mix of personas). Nothing it does is visible to the console except through
/// those webhooks, so a demo exercises the real receiving path end to end.
/// </summary>
public sealed class SimulatorSmsProvider : ISmsProvider, ISimulatorControl
{
    /// <summary>The AccountSid on every webhook, shaped like Twilio's ("AC" and 32 characters).</summary>
    public const string AccountSid = "ACsimulator00000000000000000000000";

    /// <summary>Where receipts go when a send names no StatusCallback, relative to the console's base URL.</summary>
    public const string StatusPath = "webhooks/twilio/status";

    /// <summary>Where replies and simulated inbound messages go, relative to the console's base URL.</summary>
    public const string InboundPath = "webhooks/twilio/sms";

    // Twilio's own limits, refused at send time as its API refuses them.
    private const int MaxBodyLength = 1600;
    private const string BodyRequired = "21602";
    private const string BodyTooLong = "21617";

    // At the benchmark's 2,000 sends a second that is 100 s of history, longer than the dispatcher takes to
    // reclaim a crashed claim; at a demo's pace it is days. About 120 MB when full.
    private const int RememberedSends = 200_000;

    private readonly SimulatorOptions options;
    private readonly SimulatorSendLog sends = new(RememberedSends);
    private readonly SimulatorOutcomePlanner planner;
    private readonly SimulatorReplyWriter replies;
    private readonly SimulatorWebhookQueue queue;
    private readonly SimulatorWebhookSender sender;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    internal SimulatorSmsProvider(
        IOptions<SimulatorOptions> options, SimulatorOutcomePlanner planner, SimulatorReplyWriter replies,
        SimulatorWebhookQueue queue, SimulatorWebhookSender sender, TimeProvider timeProvider, ILogger<SimulatorSmsProvider> logger)
    {
        this.options = options.Value;
        this.planner = planner;
        this.replies = replies;
        this.queue = queue;
        this.sender = sender;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    public string Name => SmsProviderNames.Simulator;

    public int PendingSends => queue.PendingChains;

    public Task<ProviderSendResult> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(request.Body))
        {
            return Task.FromResult(ProviderSendResult.Permanent(BodyRequired, "Message body is required."));
        }
        if (request.Body.Length > MaxBodyLength)
        {
            return Task.FromResult(ProviderSendResult.Permanent(BodyTooLong, $"The message body exceeds the {MaxBodyLength} character limit."));
        }

        var segments = Math.Max(1, SmsSegments.Measure(request.Body).Segments);
        var candidate = new AcceptedSend(
            request.IdempotencyKey, NewMessageSid(), request.To, request.From, request.Body,
            segments, segments * options.PricePerSegment, timeProvider.GetUtcNow());
        if (!sends.TryAdd(candidate, out var accepted))
        {
            if (!IsSameContent(accepted, request))
            {
                // Unlike an API that refuses the reuse, the simulator keeps the first send, as the dispatcher's
                // contract (one message per queue row) says it should.
                logger.LogWarning(
                    "SMS simulator received idempotency key {IdempotencyKey} again for message {MessageId} with a different recipient, sender or body; keeping {MessageSid}",
                    request.IdempotencyKey, request.MessageId, accepted.MessageSid);
            }
            return Task.FromResult(ProviderSendResult.Sent(accepted.MessageSid, accepted.Segments, accepted.Cost));
        }

        queue.Schedule(Callbacks(accepted, request.StatusCallback, planner.Plan(request.IdempotencyKey)));
        return Task.FromResult(ProviderSendResult.Sent(accepted.MessageSid, accepted.Segments, accepted.Cost));
    }

    public Task<string?> FindPreviousSendAsync(ProviderSendRequest request, DateTimeOffset since, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var previous = sends.FindByKey(request.IdempotencyKey) ?? sends.FindLatest(request.To, request.From, request.Body, since);
        return Task.FromResult(previous?.MessageSid);
    }

    public async Task<string> SimulateInboundAsync(string from, string to, string body, CancellationToken cancellationToken)
    {
        var messageSid = NewMessageSid();
        var webhook = new SimulatorWebhook
        {
            Kind = "inbound",
            MessageSid = messageSid,
            DefaultPath = InboundPath,
            CreateForm = () => TwilioWebhookForms.Inbound(messageSid, from, to, body),
        };

        await sender.WaitForSlotAsync(cancellationToken);
        try
        {
            var (result, detail) = await sender.PostNowAsync(webhook, timeProvider, cancellationToken);
            if (result != WebhookAttemptResult.Accepted)
            {
                throw new HttpRequestException($"The console did not accept the simulated inbound message after {webhook.Attempts} attempt(s): {detail}.");
            }
            return messageSid;
        }
        finally
        {
            sender.ReleaseSlot();
        }
    }

    /// <summary>The chain of webhooks a message produces: sent, its final status, then the reply if there is one.</summary>
    private SimulatorWebhook Callbacks(AcceptedSend send, Uri? statusCallback, SimulatedOutcome outcome)
    {
        var acceptedAt = timeProvider.GetTimestamp();
        long DueAfter(TimeSpan delay) => acceptedAt + queue.ToTimestampTicks(delay);

        SimulatorWebhook? reply = null;
        if (outcome.Reply is { } answer)
        {
            var replySid = NewMessageSid();
            reply = new SimulatorWebhook
            {
                Kind = "inbound",
                MessageSid = replySid,
                DefaultPath = InboundPath,
                CreateForm = () =>
                {
                    var (body, fromCity, fromState) = replies.Write(answer.Seed);
                    // The recipient answers from the number we texted, to the number that texted them.
                    return TwilioWebhookForms.Inbound(replySid, from: send.To, to: send.From, body, fromCity, fromState);
                },
                DueTimestamp = DueAfter(answer.After),
            };
        }

        var final = Status(send, statusCallback, outcome.FinalStatus, outcome.ErrorCode, DueAfter(outcome.FinalAfter), next: reply);
        return outcome.SentAfter is { } sentAfter
            ? Status(send, statusCallback, "sent", errorCode: null, DueAfter(sentAfter), next: final)
            : final;
    }

    private static SimulatorWebhook Status(
        AcceptedSend send, Uri? statusCallback, string status, int? errorCode, long dueTimestamp, SimulatorWebhook? next) => new()
    {
        Kind = $"status {status}",
        MessageSid = send.MessageSid,
        Url = statusCallback,
        DefaultPath = StatusPath,
        CreateForm = () => TwilioWebhookForms.Status(send.MessageSid, status, send.To, send.From, errorCode),
        DueTimestamp = dueTimestamp,
        Next = next,
    };

    private static bool IsSameContent(AcceptedSend send, ProviderSendRequest request) =>
        string.Equals(send.To, request.To, StringComparison.Ordinal)
        && string.Equals(send.From, request.From, StringComparison.Ordinal)
        && string.Equals(send.Body, request.Body, StringComparison.Ordinal);

    // Twilio's shape: "SM" and 32 lower-case hex digits.
    private static string NewMessageSid() => "SM" + Guid.NewGuid().ToString("N");
}
