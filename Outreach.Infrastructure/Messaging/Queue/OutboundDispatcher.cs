using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Infrastructure.Events;

namespace Outreach.Infrastructure.Messaging.Queue;

/// <summary>
/// The outbound pump, one per node. It claims due messages with FOR UPDATE SKIP LOCKED (so nodes never
/// claim the same row), commits the claim with a lease before calling the provider, and records every
/// answer in one statement per batch.
/// <para>
/// A crash between the claim and the answer leaves rows "Sending" with an expired lease. Recovery asks the
/// provider whether it already has each of them (same idempotency key, or same recipient, sender and body
/// since the claim) before queueing it again: nothing is lost, and nothing is sent twice.
/// </para>
/// Kill switches and suppression are checked again at claim time, so a stop or an opt-out applies to what
/// is already queued.
/// </summary>
public sealed class OutboundDispatcher(
    NpgsqlDataSource ownerDatabase,
    ISmsProviderRegistry providers,
    NodeIdentity node,
    ILiveEventPublisher events,
    IOptions<QueueOptions> options,
    TimeProvider clock,
    ILogger<OutboundDispatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Wakes the pump now (a message was just queued on this node) instead of at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nextRecovery = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= nextRecovery)
                {
                    await RecoverAbandonedAsync(stoppingToken);
                    nextRecovery = clock.GetUtcNow().AddSeconds(Math.Max(1, settings.LeaseSeconds / 4));
                }
                var claimed = await ClaimAsync(settings, stoppingToken);
                if (claimed.Count == 0)
                {
                    await _wake.WaitAsync(TimeSpan.FromMilliseconds(settings.PollMilliseconds), stoppingToken);
                    continue;
                }
                claimed = await HandOverAsync(claimed, stoppingToken);
                if (claimed.Count == 0)
                {
                    continue;
                }
                var results = await SendAllAsync(claimed, settings, stoppingToken);
                await RecordAsync(results, settings, stoppingToken);
                await PublishAsync(results, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // The database went away for a moment; claimed rows keep their leases and recovery picks them up.
                logger.LogWarning(ex, "The outbound dispatcher lost the database; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
    }

    private async Task<List<ClaimedMessage>> ClaimAsync(QueueOptions settings, CancellationToken cancellationToken)
    {
        await using var command = ownerDatabase.CreateCommand(QueueSql.Claim);
        command.Parameters.AddWithValue("batch", settings.BatchSize);
        command.Parameters.AddWithValue("lease", TimeSpan.FromSeconds(settings.LeaseSeconds));
        command.Parameters.AddWithValue("node", node.Name);
        var claimed = new List<ClaimedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedMessage(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7)));
        }
        return claimed;
    }

    /// <summary>
    /// Re-checks every switch for the claimed rows under the kill-switch lock (shared) and stamps the ones
    /// that may go; only those reach a provider. A switch engaged between the claim and here wins.
    /// </summary>
    private async Task<List<ClaimedMessage>> HandOverAsync(List<ClaimedMessage> claimed, CancellationToken cancellationToken)
    {
        var allowed = new HashSet<Guid>();
        await using (var connection = await ownerDatabase.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var gate = new NpgsqlCommand("SELECT pg_advisory_xact_lock_shared(@key)", connection, transaction))
            {
                gate.Parameters.AddWithValue("key", KillSwitchGate.LockKey);
                await gate.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var command = new NpgsqlCommand(QueueSql.HandOver, connection, transaction))
            {
                command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, claimed.Select(m => m.Id).ToArray());
                command.Parameters.AddWithValue("node", node.Name);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.GetBoolean(1))
                    {
                        allowed.Add(reader.GetGuid(0));
                    }
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (allowed.Count < claimed.Count)
        {
            logger.LogInformation("{Held} claimed messages were held back at hand-over by a kill switch or an opt-out", claimed.Count - allowed.Count);
        }
        return claimed.Where(m => allowed.Contains(m.Id)).ToList();
    }

    private async Task<List<SendOutcome>> SendAllAsync(List<ClaimedMessage> claimed, QueueOptions settings, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(settings.MaxInFlight);
        var sends = claimed.Select(async message =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return new SendOutcome(message, await SendOneAsync(message, cancellationToken));
            }
            finally
            {
                gate.Release();
            }
        });
        return [.. await Task.WhenAll(sends)];
    }

    private async Task<ProviderSendResult> SendOneAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var provider = providers.Get(message.Provider);
            return await provider.SendAsync(message.ToRequest(), cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            // The number's provider is not configured on this installation: an operator must fix settings.
            return ProviderSendResult.Transient("provider-unavailable", ex.Message, TimeSpan.FromMinutes(5));
        }
    }

    private async Task RecordAsync(List<SendOutcome> outcomes, QueueOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ids = new Guid[outcomes.Count];
        var statuses = new string[outcomes.Count];
        var providerIds = new string?[outcomes.Count];
        var errorCodes = new string?[outcomes.Count];
        var errorMessages = new string?[outcomes.Count];
        var segments = new int?[outcomes.Count];
        var costs = new decimal?[outcomes.Count];
        var nextAttempts = new DateTimeOffset?[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var (message, result) = outcomes[i];
            ids[i] = message.Id;
            providerIds[i] = result.ProviderMessageId;
            errorCodes[i] = Truncate(result.ErrorCode, 32);
            errorMessages[i] = Truncate(result.ErrorMessage, 500);
            segments[i] = result.Segments;
            costs[i] = result.Cost;
            (statuses[i], nextAttempts[i]) = result switch
            {
                { Accepted: true } => ("Sent", null),
                { Failure: ProviderFailureKind.Permanent } => ("Failed", null),
                // Unknown outcome: leave it claimed; recovery asks the provider before any resend.
                { OutcomeUnknown: true } => ("Sending", (DateTimeOffset?)null),
                _ when message.Attempts >= settings.MaxAttempts => ("Failed", null),
                _ => ("Queued", now + (result.RetryAfter ?? Backoff(message.Attempts, settings))),
            };
        }
        await using var command = ownerDatabase.CreateCommand(QueueSql.Record);
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, ids);
        command.Parameters.AddWithValue("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text, statuses);
        command.Parameters.AddWithValue("provider_ids", NpgsqlDbType.Array | NpgsqlDbType.Text, providerIds);
        command.Parameters.AddWithValue("error_codes", NpgsqlDbType.Array | NpgsqlDbType.Text, errorCodes);
        command.Parameters.AddWithValue("error_messages", NpgsqlDbType.Array | NpgsqlDbType.Text, errorMessages);
        command.Parameters.AddWithValue("segments", NpgsqlDbType.Array | NpgsqlDbType.Integer, segments);
        command.Parameters.AddWithValue("costs", NpgsqlDbType.Array | NpgsqlDbType.Numeric, costs);
        command.Parameters.AddWithValue("next_attempts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, nextAttempts);
        command.Parameters.AddWithValue("node", node.Name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rows whose lease ran out: their node crashed or lost the provider's answer.</summary>
    private async Task RecoverAbandonedAsync(CancellationToken cancellationToken)
    {
        var abandoned = new List<(ClaimedMessage Message, DateTimeOffset ClaimedAt)>();
        await using (var command = ownerDatabase.CreateCommand(QueueSql.ClaimAbandoned))
        {
            command.Parameters.AddWithValue("lease", TimeSpan.FromSeconds(options.Value.LeaseSeconds));
            command.Parameters.AddWithValue("node", node.Name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                abandoned.Add((new ClaimedMessage(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7)),
                    reader.GetFieldValue<DateTimeOffset>(8)));
            }
        }
        foreach (var (message, claimedAt) in abandoned)
        {
            string? previous;
            try
            {
                previous = await providers.Get(message.Provider).FindPreviousSendAsync(message.ToRequest(), claimedAt.AddMinutes(-1), cancellationToken);
            }
            catch (Exception ex) when (ex is SmsProviderUnavailableException or InvalidOperationException or HttpRequestException)
            {
                // Not knowing is not permission to resend: keep it claimed and ask again at the next sweep.
                logger.LogWarning(ex, "Could not ask {Provider} about abandoned message {MessageId}; asking again later", message.Provider, message.Id);
                continue;
            }
            await using var command = ownerDatabase.CreateCommand(previous is null ? QueueSql.Requeue : QueueSql.MarkSentAfterRecovery);
            command.Parameters.AddWithValue("id", message.Id);
            command.Parameters.AddWithValue("provider_id", (object?)previous ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken);
            if (previous is null)
            {
                logger.LogInformation("Abandoned message {MessageId} was never accepted by {Provider}; queued again", message.Id, message.Provider);
            }
            else
            {
                logger.LogInformation("Abandoned message {MessageId} had been accepted by {Provider}; recorded, not resent", message.Id, message.Provider);
            }
        }
    }

    private async Task PublishAsync(List<SendOutcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var team in outcomes.GroupBy(o => o.Message.TeamId))
        {
            await events.PublishAsync(new LiveEvent(team.Key, LiveEventKinds.MessagesChanged, new Dictionary<string, string?>
            {
                ["sent"] = team.Count(o => o.Result.Accepted).ToString(CultureInfo.InvariantCulture),
                ["failed"] = team.Count(o => o.Result.Failure == ProviderFailureKind.Permanent).ToString(CultureInfo.InvariantCulture),
            }, clock.GetUtcNow()), cancellationToken);
        }
    }

    private static TimeSpan Backoff(int attempts, QueueOptions settings)
    {
        var seconds = settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private sealed record ClaimedMessage(Guid Id, Guid TeamId, string From, string To, string Body, string Provider, string? IdempotencyKey, int Attempts)
    {
        public ProviderSendRequest ToRequest() => new(Id, From, To, Body, null, IdempotencyKey ?? Id.ToString("N"));
    }

    private sealed record SendOutcome(ClaimedMessage Message, ProviderSendResult Result);
}
