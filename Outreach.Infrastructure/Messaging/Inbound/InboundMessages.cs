using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Domain.Common;
using Outreach.Infrastructure.Messaging.Queue;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Messaging.Inbound;

/// <summary>
/// Takes a provider's inbound SMS and status callbacks into the database. An inbound message is classified
/// in memory (microseconds), then one transaction records everything it means: the prospect (created when
/// the number is new), the conversation, the message, the classification, the score, a captured e-mail, and
/// for an opt-out the suppression entry, before the webhook is answered. A retried webhook (same provider
/// message id) changes nothing.
/// </summary>
public sealed class InboundMessages(
    TenantDatabase tenantDatabase,
    ClassificationProfiles profiles,
    ILiveEventPublisher events,
    IServiceScopeFactory scopes,
    Automation.FollowUpScheduler followUps,
    TimeProvider clock,
    ILogger<InboundMessages> logger)
{
    public async Task<InboundResult> ReceiveAsync(SendingNumberRoute route, InboundSms sms, CancellationToken cancellationToken)
    {
        var from = PhoneNumbers.Parse(sms.From).E164 ?? sms.From;
        var replySettings = await profiles.GetSettingsAsync(route.TeamId, cancellationToken);
        var profile = replySettings.Profile;
        var classification = ReplyClassifier.Classify(sms.Body, profile);
        var now = clock.GetUtcNow();
        var body = sms.Body.Length <= Message.MaxBodyLength ? sms.Body : sms.Body[..Message.MaxBodyLength];

        var (messageId, conversationId, prospectId, followUpsChanged) = await RecordAsync(route, sms, from, body, classification, now, cancellationToken);

        if (messageId is null)
        {
            logger.LogDebug("Inbound {Provider} message {Sid} was already recorded; nothing changed", route.Provider, sms.ProviderMessageId);
            return InboundResult.Duplicate;
        }
        await events.PublishAsync(new LiveEvent(route.TeamId, LiveEventKinds.MessageReceived, new Dictionary<string, string?>
        {
            ["messageId"] = messageId.ToString(),
            ["conversationId"] = conversationId.ToString(),
            ["prospectId"] = prospectId.ToString(),
            ["kind"] = classification.Kind.ToString(),
            ["priority"] = classification.Priority.ToString(),
            ["bucket"] = classification.Bucket.ToString(),
            ["preview"] = Conversation.Preview(body),
        }, now), cancellationToken);
        await ApplyToCampaignsAsync(route.TeamId, prospectId, classification.Kind == ReplyKind.OptOut, cancellationToken);
        if (followUpsChanged)
        {
            await followUps.PublishChangedAsync(route.TeamId, cancellationToken);
        }
        try
        {
            await AnswerAsync(route.TeamId, prospectId, messageId.Value, classification, replySettings, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message is committed: the provider must hear 200, or its retry would be a duplicate that
            // never answers. The answer is what is lost, and it is logged.
            logger.LogError(ex, "Message {MessageId} was recorded but its {Kind} answer could not be queued", messageId, classification.Kind);
        }
        return new InboundResult(true, messageId, conversationId, prospectId, classification);
    }

    /// <summary>Stop-on-reply and opt-out for the prospect's campaign enrollments (a separate statement after the ingest).</summary>
    private async Task ApplyToCampaignsAsync(Guid teamId, Guid prospectId, bool optOut, CancellationToken cancellationToken)
    {
        try
        {
            await scopes.CreateScope().ServiceProvider.GetRequiredService<Campaigns.CampaignReplies>().ApplyAsync(teamId, prospectId, optOut, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // The guardrails check replies and suppression again before every campaign send; this only saves work.
            logger.LogWarning(ex, "Could not end the campaign enrollments of prospect {ProspectId} after a reply", prospectId);
        }
    }

    /// <summary>
    /// The one transaction of an inbound message. Its connection goes back to the pool before anything
    /// else happens (the live event, the answer), so a webhook holds one connection at a time.
    /// </summary>
    private async Task<(Guid? MessageId, Guid ConversationId, Guid ProspectId, bool FollowUpsChanged)> RecordAsync(
        SendingNumberRoute route, InboundSms sms, string from, string body, ReplyClassification classification, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(TenantScope.ForTeam(route.TeamId), cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        // Messages from one sender to one number take turns: a retried webhook finds the first delivery's
        // message, and a new sender's first two messages do not both try to create the prospect.
        var lockCommand = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended(@number || ':' || @from, 0))");
        lockCommand.Parameters.AddWithValue("number", route.Number);
        lockCommand.Parameters.AddWithValue("from", from);
        batch.BatchCommands.Add(lockCommand);
        var ingest = new NpgsqlBatchCommand(InboundSql.Ingest);
        var p = ingest.Parameters;
        p.AddWithValue("provider", route.Provider);
        p.AddWithValue("sid", sms.ProviderMessageId);
        p.AddWithValue("number_id", route.NumberId);
        p.AddWithValue("number", route.Number);
        p.AddWithValue("from", from);
        p.AddWithValue("body", body);
        p.AddWithValue("preview", Conversation.Preview(body));
        p.AddWithValue("message_id", Guid.CreateVersion7(now));
        p.AddWithValue("prospect_id", Guid.CreateVersion7(now));
        p.AddWithValue("conversation_id", Guid.CreateVersion7(now));
        p.AddWithValue("event_id", Guid.CreateVersion7(now));
        p.AddWithValue("filed_reason", $"Reply classified as {Describe(classification)}");
        p.AddWithValue("time_zone", NpgsqlDbType.Varchar, (object?)TimeZones.Resolve(null, from) ?? DBNull.Value);
        p.AddWithValue("kind", classification.Kind.ToString());
        p.AddWithValue("confidence", classification.Confidence);
        p.AddWithValue("priority", classification.Priority.ToString());
        p.AddWithValue("bucket", classification.Bucket.ToString());
        p.AddWithValue("email", NpgsqlDbType.Varchar, (object?)classification.ExtractedEmail ?? DBNull.Value);
        p.AddWithValue("delta", classification.ScoreChange.Delta);
        p.AddWithValue("reset", classification.ScoreChange.ResetToZero);
        p.AddWithValue("opt_out", classification.Kind == ReplyKind.OptOut);
        p.AddWithValue("opt_in", classification.Kind == ReplyKind.OptIn);
        p.AddWithValue("status", StatusFor(classification.Kind) is { } status ? status.ToString() : DBNull.Value);
        p.AddWithValue("received_at", sms.ReceivedAt ?? now);
        p.AddWithValue("segments", sms.Segments ?? 1);
        p.AddWithValue("summary", $"Replied: \"{Conversation.Preview(body)}\" ({Describe(classification)})");
        batch.BatchCommands.Add(ingest);
        batch.BatchCommands.Add(Webhooks.WebhookOutbox.ReplyReceived(route.TeamId, (Guid)p["message_id"].Value!, now));

        Guid? messageId = null;
        Guid conversationId = default;
        Guid prospectId = default;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                messageId = reader.GetGuid(0);
                conversationId = reader.GetGuid(1);
                prospectId = reader.GetGuid(2);
            }
        }
        var followUpsChanged = messageId is not null &&
            await ApplyToFollowUpsAsync(connection, transaction, route.TeamId,
                new Domain.Automation.RuleEvent.ReplyReceived(conversationId, prospectId, messageId.Value, classification.Kind, sms.ReceivedAt ?? now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return (messageId, conversationId, prospectId, followUpsChanged);
    }

    /// <summary>
    /// The reply cancels the follow-ups it cancels and schedules those it triggers, in its own transaction: they
    /// commit together, or the provider hears an error and delivers the webhook again. Only a problem with the
    /// rules themselves (not the database) is logged and left behind, so that it cannot hold up every reply.
    /// </summary>
    private async Task<bool> ApplyToFollowUpsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Domain.Automation.RuleEvent.ReplyReceived reply, CancellationToken cancellationToken)
    {
        await transaction.SaveAsync("follow_ups", cancellationToken);
        try
        {
            return await followUps.OnReplyAsync(connection, teamId, reply, cancellationToken) > 0;
        }
        catch (Exception ex) when (ex is Domain.Common.DomainException or System.Text.Json.JsonException or PostgresException { IsTransient: false })
        {
            await transaction.RollbackAsync("follow_ups", cancellationToken);
            logger.LogError(ex, "Could not apply the follow-up rules to message {MessageId}", reply.MessageId);
            return false;
        }
    }

    /// <summary>
    /// HELP always gets the team's help text. Other replies get the best suggestion automatically only when
    /// the team turned auto-reply on and the suggestion is confident enough; everything else waits for a
    /// human. Both go through the queue, so through the guardrails, like any other send.
    /// </summary>
    private async Task AnswerAsync(Guid teamId, Guid prospectId, Guid messageId, ReplyClassification classification, TeamReplySettings settings, CancellationToken cancellationToken)
    {
        if (classification.Kind is ReplyKind.OptOut or ReplyKind.OptIn)
        {
            return;
        }
        string body;
        MessageSource source;
        if (classification.Kind == ReplyKind.HelpRequest)
        {
            // The help text is a template; without a prospect's variables its fallbacks apply.
            body = MessageTemplate.Render(settings.Profile.HelpText, new Dictionary<string, string?>());
            source = MessageSource.System;
        }
        else
        {
            if (!settings.AutoReplyEnabled)
            {
                return;
            }
            var best = SuggestedReplies.For(classification, settings.Profile, new Dictionary<string, string?>()).MaxBy(s => s.Confidence);
            if (best is null || best.Confidence < settings.AutoReplyThreshold)
            {
                return;
            }
            body = best.Text;
            source = MessageSource.AutoReply;
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(teamId, null);
        try
        {
            // The inbound message id as the key: a retried webhook can never answer twice.
            var result = await scope.ServiceProvider.GetRequiredService<OutboundQueue>().SendAsync(
                new OutboundRequest(prospectId, body, source, IdempotencyKey: $"answer:{messageId:N}", SentByName: source == MessageSource.System ? "HELP reply" : "Auto-reply"),
                cancellationToken);
            if (!result.IsQueued)
            {
                logger.LogInformation("The {Source} answer to message {MessageId} was not sent: {Reason}", source, messageId, result.Decision.Explanation);
            }
        }
        catch (DomainException ex)
        {
            logger.LogWarning("The {Source} answer to message {MessageId} could not be queued: {Problem}", source, messageId, ex.Message);
        }
    }

    /// <summary>Moves an outbound message forward; a late or repeated callback never moves it back.</summary>
    public async Task<bool> UpdateStatusAsync(SendingNumberRoute route, StatusCallback callback, CancellationToken cancellationToken)
    {
        await using var connection = await tenantDatabase.OpenConnectionAsync(TenantScope.ForTeam(route.TeamId), cancellationToken);
        await using var command = new NpgsqlCommand(InboundSql.UpdateStatus, connection);
        command.Parameters.AddWithValue("provider", route.Provider);
        command.Parameters.AddWithValue("sid", callback.ProviderMessageId);
        command.Parameters.AddWithValue("status", callback.Status.ToString());
        command.Parameters.AddWithValue("allowed_from", NpgsqlDbType.Array | NpgsqlDbType.Text,
            Enum.GetValues<MessageStatus>().Where(s => MessageStatuses.CanAdvance(s, callback.Status)).Select(s => s.ToString()).ToArray());
        command.Parameters.AddWithValue("error_code", NpgsqlDbType.Varchar, (object?)callback.ErrorCode ?? DBNull.Value);
        command.Parameters.AddWithValue("cost", NpgsqlDbType.Numeric, (object?)callback.Cost ?? DBNull.Value);
        Webhooks.WebhookOutbox.AppendDeliveryFailed(command, route.TeamId, callback.Status, clock.GetUtcNow());
        var conversationId = await command.ExecuteScalarAsync(cancellationToken);
        if (conversationId is Guid id)
        {
            await events.PublishAsync(new LiveEvent(route.TeamId, LiveEventKinds.MessageStatusChanged, new Dictionary<string, string?>
            {
                ["conversationId"] = id.ToString(),
                ["status"] = callback.Status.ToString(),
            }, clock.GetUtcNow()), cancellationToken);
            return true;
        }
        return false;
    }

    private static ProspectStatus? StatusFor(ReplyKind kind) => kind switch
    {
        ReplyKind.EmailCaptured or ReplyKind.CalledLine or ReplyKind.Interested => ProspectStatus.Interested,
        ReplyKind.NotInterested or ReplyKind.WrongNumber => ProspectStatus.NotInterested,
        ReplyKind.OptOut => null,
        _ => ProspectStatus.Replied,
    };

    private static string Describe(ReplyClassification c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Kind}, {c.Confidence}% confident{(c.ExtractedEmail is null ? "" : $", e-mail {c.ExtractedEmail}")}");
}

/// <summary>A number of ours and the team it belongs to: the only source of a webhook's team.</summary>
public sealed record SendingNumberRoute(Guid NumberId, Guid TeamId, string Number, string Provider);

public sealed record InboundSms(string ProviderMessageId, string From, string To, string Body, int? Segments = null, DateTimeOffset? ReceivedAt = null);

public sealed record StatusCallback(string ProviderMessageId, MessageStatus Status, string? ErrorCode, decimal? Cost);

public sealed record InboundResult(bool Recorded, Guid? MessageId, Guid? ConversationId, Guid? ProspectId, ReplyClassification? Classification)
{
    public static InboundResult Duplicate { get; } = new(false, null, null, null, null);
}
