using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Domain.Messaging;
using Outreach.Domain.Webhooks;

namespace Outreach.Infrastructure.Webhooks;

/// <summary>
/// Where a change announces itself to webhooks: an outbox row in the change's own transaction. EF changes add
/// the row to their context before <c>SaveChanges</c>; the raw-SQL hot paths add one statement to their batch,
/// which writes a row only when the team has an enabled subscription for that type (an index probe), so a team
/// without webhooks pays nothing else.
/// </summary>
public static class WebhookOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the event to <paramref name="db"/>; it commits with the change or not at all.</summary>
    public static void Add(DbContext db, Guid teamId, string type, object data, TimeProvider clock, string? dedupeKey = null) =>
        db.Add(WebhookEvent.Create(teamId, type, JsonSerializer.Serialize(data, Json), clock.GetUtcNow(), dedupeKey));

    /// <summary>
    /// The reply (and for an opt-out, the opt-out) of an inbound message, read back from the rows the ingest just
    /// wrote in the same batch: a retried webhook writes no message, so it writes no event either.
    /// </summary>
    public static NpgsqlBatchCommand ReplyReceived(Guid teamId, Guid messageId, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(WebhookSql.ReplyReceived);
        command.Parameters.AddWithValue("team_id", teamId);
        command.Parameters.AddWithValue("message_id", messageId);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("reply_type", WebhookEventTypes.ReplyReceived);
        command.Parameters.AddWithValue("opt_out_type", WebhookEventTypes.OptedOut);
        return command;
    }

    /// <summary>
    /// Appends to a status callback's statement (one round trip, one implicit transaction) the event of a failed or
    /// undelivered outbound message, once per message (its id is the dedupe key). Other statuses append nothing.
    /// </summary>
    public static void AppendDeliveryFailed(NpgsqlCommand statusUpdate, Guid teamId, MessageStatus status, DateTimeOffset now)
    {
        if (status is not (MessageStatus.Failed or MessageStatus.Undelivered))
        {
            return;
        }
        statusUpdate.CommandText += ";\n" + WebhookSql.DeliveryFailed;
        statusUpdate.Parameters.AddWithValue("webhook_team_id", teamId);
        statusUpdate.Parameters.AddWithValue("webhook_now", now);
        statusUpdate.Parameters.AddWithValue("webhook_type", WebhookEventTypes.DeliveryFailed);
    }

    /// <summary>Appends to the import's completing statement (keyed <c>@id</c>, in the import's transaction) the event of its end.</summary>
    public static void AppendImportFinished(NpgsqlCommand completion, Guid teamId, DateTimeOffset now)
    {
        completion.CommandText += ";\n" + WebhookSql.ImportFinished;
        completion.Parameters.AddWithValue("webhook_team_id", teamId);
        completion.Parameters.AddWithValue("webhook_now", now);
        completion.Parameters.AddWithValue("webhook_type", WebhookEventTypes.ImportFinished);
    }

    /// <summary>A rule's task (the statement inserts <c>@task_id</c>): the event is read from the row it wrote, in its transaction.</summary>
    public static NpgsqlCommand WithTaskCreated(Guid teamId, DateTimeOffset now, NpgsqlCommand createTask)
    {
        createTask.CommandText += ";\n" + WebhookSql.TaskCreated;
        createTask.Parameters.AddWithValue("webhook_team_id", teamId);
        createTask.Parameters.AddWithValue("webhook_now", now);
        createTask.Parameters.AddWithValue("webhook_type", WebhookEventTypes.TaskCreated);
        return createTask;
    }
}
