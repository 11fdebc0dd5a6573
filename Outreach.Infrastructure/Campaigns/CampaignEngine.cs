using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Common;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Messaging;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Guardrails;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>
/// The dispatch pump. It claims due enrollments (SKIP LOCKED, with a lease), renders each one's step, and
/// queues it through <see cref="OutboundQueue"/>, which asks the guardrails, reserves the spend and picks
/// the number. The idempotency key <c>campaign:{enrollment}:{step}</c> makes every retry, restart or second
/// node find the message already queued instead of sending another. Outcomes move enrollments forward in
/// one statement per batch.
/// </summary>
public sealed class CampaignEngine(
    NpgsqlDataSource ownerDatabase,
    SpendReservations reservations,
    IServiceScopeFactory scopes,
    ILiveEventPublisher events,
    IAuditLog audit,
    Automation.FollowUpScheduler followUps,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<CampaignEngine> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Pumps until nothing is due or <paramref name="budget"/> has passed; returns the enrollments handled.</summary>
    public Task<int> PumpAsync(TimeSpan budget, CancellationToken cancellationToken) =>
        Jobs.Batches.WhileBusyAsync(PumpOnceAsync, budget, cancellationToken);

    /// <summary>One batch: claim, queue each, record the outcomes.</summary>
    public async Task<int> PumpOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await ClaimAsync(settings, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }
        var outcomes = new Outcome[claimed.Count];
        var prepared = new Prepared?[claimed.Count];
        for (var i = 0; i < claimed.Count; i++)
        {
            (prepared[i], outcomes[i]) = Prepare(claimed[i], settings);
        }
        // Spend is reserved for the whole batch of each campaign at once (as many as fit the budgets), so the
        // budget rows are locked once per batch instead of once per message.
        foreach (var campaign in prepared.OfType<Prepared>().GroupBy(p => (p.Enrollment.TeamId, p.Enrollment.CampaignId)))
        {
            var list = campaign.ToList();
            var fits = await reservations.ReserveAsync(campaign.Key.TeamId, campaign.Key.CampaignId, list.Select(p => p.Cost).ToList(), cancellationToken);
            for (var i = 0; i < fits; i++)
            {
                list[i].Reserved = true;
            }
        }
        using var gate = new SemaphoreSlim(settings.Parallelism);
        await Task.WhenAll(prepared.Select(async (message, index) =>
        {
            if (message is null)
            {
                return;
            }
            await gate.WaitAsync(cancellationToken);
            try
            {
                outcomes[index] = await SendAsync(message, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var unused in prepared.Select((p, i) => (Prepared: p, Outcome: outcomes[i]))
                     .Where(x => x.Prepared is { Reserved: true } && !x.Outcome.Created)
                     .GroupBy(x => (x.Prepared!.Enrollment.TeamId, x.Prepared.Enrollment.CampaignId)))
        {
            await reservations.ReleaseAsync(unused.Key.TeamId, unused.Key.CampaignId, unused.Sum(x => x.Prepared!.Cost), cancellationToken);
        }
        // Before the enrollments move on: if this fails, their leases run out, the batch is replayed (each message
        // found by its key) and the steps are reported again, which the executions' unique keys make harmless.
        await ScheduleFollowUpsAsync(outcomes, cancellationToken);
        await AdvanceAsync(outcomes, cancellationToken);
        await PauseForBudgetAsync(outcomes, cancellationToken);
        foreach (var team in outcomes.GroupBy(o => o.Enrollment.TeamId))
        {
            await events.PublishAsync(new LiveEvent(team.Key, LiveEventKinds.CampaignProgress, new Dictionary<string, string?>
            {
                ["campaignIds"] = string.Join(",", team.Select(o => o.Enrollment.CampaignId).Distinct()),
                ["queued"] = team.Count(o => o.MessageId is not null).ToString(CultureInfo.InvariantCulture),
            }, clock.GetUtcNow()), cancellationToken);
        }
        return claimed.Count;
    }

    private async Task<List<ClaimedEnrollment>> ClaimAsync(CampaignOptions settings, CancellationToken cancellationToken)
    {
        await using var command = ownerDatabase.CreateCommand(CampaignEngineSql.Claim);
        command.Parameters.AddWithValue("batch", settings.BatchSize);
        command.Parameters.AddWithValue("lease", TimeSpan.FromSeconds(settings.ClaimLeaseSeconds));
        var list = new List<ClaimedEnrollment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new ClaimedEnrollment(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetInt32(4),
                reader.GetString(5) is ['B'] ? 'B' : 'A',
                JsonSerializer.Deserialize<List<CampaignStep>>(reader.GetString(6), Json)!,
                reader.GetFieldValue<Guid[]>(7), reader.GetInt32(8),
                new ProspectFields(Text(reader, 9), Text(reader, 10), Text(reader, 11), Text(reader, 12), Text(reader, 13), Text(reader, 14), Text(reader, 15)),
                reader.GetInt32(16), reader.GetInt32(17)));
        }
        return list;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static (Prepared?, Outcome) Prepare(ClaimedEnrollment enrollment, CampaignOptions settings)
    {
        if (enrollment.Step >= enrollment.Steps.Count || enrollment.Step > enrollment.MaxFollowUps)
        {
            return (null, Outcome.Finish(enrollment, EnrollmentState.Completed, null));
        }
        var body = CampaignMessage.Render(enrollment.Steps[enrollment.Step].TemplateFor(enrollment.Variant), enrollment.Prospect);
        if (body.Length == 0 || body.Length > Message.MaxBodyLength)
        {
            return (null, Outcome.Finish(enrollment, EnrollmentState.Failed, "EmptyMessage"));
        }
        var cost = Math.Max(1, SmsSegments.Measure(body).Segments) * settings.CostPerSegment;
        return (new Prepared(enrollment, body, cost), null!);
    }

    private async Task<Outcome> SendAsync(Prepared message, CancellationToken cancellationToken)
    {
        var (enrollment, body) = (message.Enrollment, message.Body);
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(enrollment.TeamId, null);
        var queue = scope.ServiceProvider.GetRequiredService<OutboundQueue>();
        QueueResult result;
        try
        {
            result = await queue.SendAsync(new OutboundRequest(enrollment.ProspectId, body, MessageSource.Campaign,
                IdempotencyKey: string.Create(CultureInfo.InvariantCulture, $"campaign:{enrollment.Id}:{enrollment.Step}"))
            {
                Campaign = new CampaignSend(enrollment.CampaignId, enrollment.Id, enrollment.Step)
                {
                    Counters = new CampaignCounters(enrollment.SentLastMinute, enrollment.SentToday),
                },
                EstimatedCost = message.Cost,
                SpendReserved = message.Reserved,
                NumberPool = enrollment.NumberPool,
                DeferToCaller = true,
            }, cancellationToken);
        }
        catch (DomainException ex)
        {
            logger.LogInformation("Enrollment {EnrollmentId} of campaign {CampaignId} cannot be sent: {Reason}", enrollment.Id, enrollment.CampaignId, ex.Message);
            return Outcome.Finish(enrollment, EnrollmentState.Failed, "NoRecipient");
        }

        if (result.IsQueued)
        {
            var next = enrollment.Step + 1;
            if (next < enrollment.Steps.Count && next <= enrollment.MaxFollowUps)
            {
                var due = (result.ScheduledFor ?? now) + TimeSpan.FromHours(enrollment.Steps[next].DelayHours);
                return new Outcome(enrollment, EnrollmentState.Active, next, due, null, result.MessageId, false) { Created = !result.Duplicate, ConversationId = result.ConversationId, SendAt = result.ScheduledFor };
            }
            return new Outcome(enrollment, EnrollmentState.Completed, next, null, null, result.MessageId, false) { Created = !result.Duplicate, ConversationId = result.ConversationId, SendAt = result.ScheduledFor };
        }
        var decision = result.Decision;
        var reason = decision.Reason.ToString();
        var state = enrollment.Step == 0 ? EnrollmentState.Pending : EnrollmentState.Active;
        if (decision.Outcome == GuardrailOutcome.Defer)
        {
            return new Outcome(enrollment, state, enrollment.Step, decision.DeferUntil ?? now.AddMinutes(1), reason, null, false);
        }
        return decision.Reason switch
        {
            GuardrailReason.StopOnReply => Outcome.Finish(enrollment, EnrollmentState.Replied, reason),
            GuardrailReason.Suppressed => Outcome.Finish(enrollment, EnrollmentState.OptedOut, reason),
            GuardrailReason.MaxFollowUps => Outcome.Finish(enrollment, EnrollmentState.Completed, reason),
            GuardrailReason.DuplicateContent => Outcome.Finish(enrollment, EnrollmentState.Skipped, reason),
            GuardrailReason.InvalidRecipient or GuardrailReason.NoSendingNumber => Outcome.Finish(enrollment, EnrollmentState.Failed, reason),
            // Waits for a person: out of the due set until approved.
            GuardrailReason.AwaitingApproval => new Outcome(enrollment, EnrollmentState.Pending, enrollment.Step, null, reason, null, false),
            GuardrailReason.CampaignBudget or GuardrailReason.TeamBudget =>
                new Outcome(enrollment, state, enrollment.Step, now.AddMinutes(5), reason, null, true),
            // Switches and pauses are temporary: look again later (the claim skips stopped campaigns anyway).
            _ => new Outcome(enrollment, state, enrollment.Step, now.AddMinutes(1), reason, null, false),
        };
    }

    private async Task AdvanceAsync(Outcome[] outcomes, CancellationToken cancellationToken)
    {
        await using var command = ownerDatabase.CreateCommand(CampaignEngineSql.Advance);
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint, outcomes.Select(o => o.Enrollment.Id).ToArray());
        command.Parameters.AddWithValue("states", NpgsqlDbType.Array | NpgsqlDbType.Text, outcomes.Select(o => o.State.ToString()).ToArray());
        command.Parameters.AddWithValue("steps", NpgsqlDbType.Array | NpgsqlDbType.Integer, outcomes.Select(o => o.Step).ToArray());
        command.Parameters.AddWithValue("next_due", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, outcomes.Select(o => o.NextDue).ToArray());
        command.Parameters.AddWithValue("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text, outcomes.Select(o => o.Reason).ToArray());
        command.Parameters.AddWithValue("message_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, outcomes.Select(o => o.MessageId).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rules triggered by a campaign step hear of each step queued in this batch, as of when it leaves.</summary>
    private async Task ScheduleFollowUpsAsync(Outcome[] outcomes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sent = outcomes
            .Where(o => o.MessageId is not null && o.ConversationId is not null)
            .Select(o => (o.Enrollment.TeamId, new Domain.Automation.RuleEvent.StepSent(
                o.ConversationId!.Value, o.Enrollment.ProspectId, o.Enrollment.CampaignId, o.Enrollment.Id, o.Enrollment.Step + 1, o.SendAt ?? now)))
            .ToList();
        if (sent.Count > 0)
        {
            await followUps.OnStepsSentAsync(sent, cancellationToken);
        }
    }

    private async Task PauseForBudgetAsync(Outcome[] outcomes, CancellationToken cancellationToken)
    {
        var campaigns = outcomes.Where(o => o.BudgetReached).Select(o => o.Enrollment.CampaignId).Distinct().ToArray();
        if (campaigns.Length == 0)
        {
            return;
        }
        await using var command = ownerDatabase.CreateCommand(CampaignEngineSql.PauseForBudget);
        command.Parameters.AddWithValue("ids", campaigns);
        var paused = new List<(Guid Id, Guid TeamId, string Name)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                paused.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2)));
            }
        }
        foreach (var (id, teamId, name) in paused)
        {
            await CampaignNotices.AutoPausedAsync(audit, events, clock, teamId, id, name, "Budget reached", cancellationToken);
        }
    }

    private sealed record ClaimedEnrollment(
        long Id, Guid TeamId, Guid CampaignId, Guid ProspectId, int Step, char Variant, List<CampaignStep> Steps, Guid[] NumberPool, int MaxFollowUps,
        ProspectFields Prospect, int SentLastMinute, int SentToday);

    private sealed record Prepared(ClaimedEnrollment Enrollment, string Body, decimal Cost)
    {
        public bool Reserved { get; set; }
    }

    private sealed record Outcome(ClaimedEnrollment Enrollment, EnrollmentState State, int Step, DateTimeOffset? NextDue, string? Reason, Guid? MessageId, bool BudgetReached)
    {
        /// <summary>A new message was queued (not a repeat of one queued before): its reserved spend is used.</summary>
        public bool Created { get; init; }

        /// <summary>The conversation the step's message went out on.</summary>
        public Guid? ConversationId { get; init; }

        /// <summary>When the queue sends it (its number's pacing may put it later than now).</summary>
        public DateTimeOffset? SendAt { get; init; }

        public static Outcome Finish(ClaimedEnrollment enrollment, EnrollmentState state, string? reason) =>
            new(enrollment, state, enrollment.Step, null, reason, null, false);
    }
}
