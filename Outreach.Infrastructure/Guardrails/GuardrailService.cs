using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Guardrails;

/// <summary>
/// The one place every send asks before it is queued, manual or automated. One statement gathers what the
/// domain's <see cref="GuardrailPolicy"/> needs (kill switches, suppression, the team's sending hours, the
/// recipient's time zone, duplicate content, frequency across campaigns, the campaign's caps and budget),
/// the policy decides, and every block and deferral is recorded with its reason (and campaign). When a send
/// carries an estimated cost and is allowed, that cost is reserved against the campaign's budget and the
/// team's monthly budget in one transaction of conditional updates, so concurrent senders can never
/// together spend past either.
/// </summary>
public sealed class GuardrailService(
    TenantDatabase tenantDatabase,
    TenantScope scope,
    TimeProvider clock)
{
    [Requires(Permission.SendMessages)]
    public async Task<GuardrailDecision> CheckAsync(SendCheck check, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.SendMessages);
        await using var connection = await tenantDatabase.OpenConnectionAsync(scope, cancellationToken);
        return await CheckAsync(connection, check, cancellationToken);
    }

    /// <summary>As <see cref="CheckAsync(SendCheck, CancellationToken)"/>, on a connection already open for the team.</summary>
    [Requires(Permission.SendMessages)]
    public async Task<GuardrailDecision> CheckAsync(NpgsqlConnection connection, SendCheck check, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.SendMessages);
        var teamId = scope.RequireTeamId();
        var phone = PhoneNumbers.Parse(check.To);
        var now = check.At ?? clock.GetUtcNow();
        var facts = await ReadFactsAsync(connection, check, phone.E164 ?? check.To, TeamSpend.MonthOf(clock.GetUtcNow()), cancellationToken);

        var request = new GuardrailRequest(
            Now: now,
            RecipientTimeZone: check.RecipientTimeZone ?? TimeZones.Resolve(null, phone.E164),
            RecipientSuppressed: facts.Suppressed,
            GlobalKillSwitch: facts.GlobalPaused,
            TeamKillSwitch: facts.TeamPaused,
            ChannelKillSwitch: facts.ChannelStopped,
            TeamWindow: facts.TeamWindow,
            HasValidRecipient: phone.IsValid)
        {
            DuplicateContent = facts.Duplicate,
            Frequency = facts.Frequency,
            TeamBudget = check.EstimatedCost > 0 ? new BudgetFacts(facts.MonthlyBudget, facts.TeamCommitted, check.EstimatedCost) : null,
            Campaign = facts.Campaign,
            FollowUps = facts.FollowUps,
        };
        var decision = GuardrailPolicy.Evaluate(request);

        // The reservation is the last word on budgets: the policy saw counters that other senders may have
        // moved since. A re-check at a later moment (At) only asks; it never reserves twice.
        if (decision.IsAllowed && check.EstimatedCost > 0 && check.At is null)
        {
            decision = await ReserveAsync(connection, check, now, cancellationToken) ?? decision;
        }
        if (!decision.IsAllowed)
        {
            await RecordAsync(connection, teamId, check, phone.E164 ?? check.To, decision, cancellationToken);
        }
        return decision;
    }

    /// <summary>Gives back a reservation whose message was never queued (a repeated key, no number).</summary>
    [Requires(Permission.SendMessages)]
    public async Task ReleaseAsync(NpgsqlConnection connection, SendCheck check, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.SendMessages);
        if (check.EstimatedCost <= 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand("""
            UPDATE team_spend SET reserved = greatest(0, reserved - @cost) WHERE team_id = app_current_team() AND month = @month;
            UPDATE campaigns SET reserved_spend = greatest(0, reserved_spend - @cost) WHERE id = @campaign;
            """, connection);
        command.Parameters.AddWithValue("cost", check.EstimatedCost);
        command.Parameters.AddWithValue("month", TeamSpend.MonthOf(clock.GetUtcNow()));
        command.Parameters.AddWithValue("campaign", NpgsqlDbType.Uuid, (object?)check.Campaign?.CampaignId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<GuardrailDecision?> ReserveAsync(NpgsqlConnection connection, SendCheck check, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var ensure = new NpgsqlCommand(GuardrailSql.EnsureTeamMonth, connection))
        {
            ensure.Parameters.AddWithValue("month", TeamSpend.MonthOf(now));
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(GuardrailSql.ReserveTeam, connection, transaction))
        {
            command.Parameters.AddWithValue("month", TeamSpend.MonthOf(now));
            command.Parameters.AddWithValue("cost", check.EstimatedCost);
            if (await command.ExecuteScalarAsync(cancellationToken) is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return GuardrailDecision.Block(GuardrailReason.TeamBudget, "The team's monthly budget is spent or reserved.");
            }
        }
        if (check.Campaign is { } campaign)
        {
            await using var command = new NpgsqlCommand(GuardrailSql.ReserveCampaign, connection, transaction);
            command.Parameters.AddWithValue("campaign", campaign.CampaignId);
            command.Parameters.AddWithValue("cost", check.EstimatedCost);
            if (await command.ExecuteScalarAsync(cancellationToken) is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return GuardrailDecision.Block(GuardrailReason.CampaignBudget, "The campaign's budget is spent or reserved.");
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private async Task RecordAsync(NpgsqlConnection connection, Guid teamId, SendCheck check, string recipient, GuardrailDecision decision, CancellationToken cancellationToken)
    {
        // A kill switch's refusals are one entry per stop (its scope and when it was engaged) that counts them:
        // a stopped team would otherwise write a row per message every time the engine looked again.
        var killSwitch = decision.Reason.IsKillSwitch();
        var campaignId = killSwitch && decision.Reason != GuardrailReason.CampaignKillSwitch ? null : check.Campaign?.CampaignId;
        var record = GuardrailEvent.Record(teamId, check.ProspectId, recipient, decision, check.Source.ToString(), clock, campaignId);
        await using var command = new NpgsqlCommand(GuardrailSql.Record, connection);
        command.Parameters.AddWithValue("prospect", NpgsqlDbType.Uuid, (object?)record.ProspectId ?? DBNull.Value);
        command.Parameters.AddWithValue("recipient", record.Recipient.Length <= 254 ? record.Recipient : record.Recipient[..254]);
        command.Parameters.AddWithValue("outcome", record.Outcome.ToString());
        command.Parameters.AddWithValue("reason", record.Reason.ToString());
        command.Parameters.AddWithValue("explanation", record.Explanation);
        command.Parameters.AddWithValue("source", NpgsqlDbType.Varchar, (object?)record.Source ?? DBNull.Value);
        command.Parameters.AddWithValue("at", record.OccurredAt);
        command.Parameters.AddWithValue("campaign", NpgsqlDbType.Uuid, (object?)record.CampaignId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Facts> ReadFactsAsync(NpgsqlConnection connection, SendCheck check, string to, DateOnly month, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(GuardrailSql.Facts, connection);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("body", NpgsqlDbType.Varchar, (object?)check.Body ?? DBNull.Value);
        command.Parameters.AddWithValue("automated", check.Source is MessageSource.Campaign or MessageSource.FollowUp);
        command.Parameters.AddWithValue("campaign", NpgsqlDbType.Uuid, (object?)check.Campaign?.CampaignId ?? DBNull.Value);
        command.Parameters.AddWithValue("enrollment", NpgsqlDbType.Bigint, (object?)check.Campaign?.EnrollmentId ?? DBNull.Value);
        command.Parameters.AddWithValue("prospect", NpgsqlDbType.Uuid, (object?)check.ProspectId ?? DBNull.Value);
        command.Parameters.AddWithValue("month", month);
        command.Parameters.AddWithValue("count_campaign", check.Campaign is { Counters: null });
        command.Parameters.AddWithValue("follow_up", check.Source == MessageSource.FollowUp);
        // Planning this statement costs more than running it; prepared, each pooled connection plans it once.
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var i = 0;
        var globalPaused = reader.GetBoolean(i++);
        var teamPaused = !reader.IsDBNull(i) && reader.GetBoolean(i); i++;
        SendWindow? teamWindow = reader.IsDBNull(i) ? null : new SendWindow(reader.GetFieldValue<TimeOnly>(i), reader.GetFieldValue<TimeOnly>(i + 1)); i += 2;
        var channelStopped = reader.GetBoolean(i++);
        var suppressed = reader.GetBoolean(i++);
        var duplicate = reader.GetBoolean(i++);
        var dayCount = reader.GetInt32(i++);
        var dayOldest = NullableTime(reader, i++);
        var weekCount = reader.GetInt32(i++);
        var weekOldest = NullableTime(reader, i++);
        decimal? monthlyBudget = reader.IsDBNull(i) ? null : reader.GetDecimal(i); i++;
        var maxPerDay = reader.IsDBNull(i) ? TeamSendingLimits.DefaultMaxPerDay : reader.GetInt32(i); i++;
        var maxPerWeek = reader.IsDBNull(i) ? TeamSendingLimits.DefaultMaxPerWeek : reader.GetInt32(i); i++;
        var teamCommitted = reader.GetDecimal(i++);
        var frequency = check.Source is MessageSource.Campaign or MessageSource.FollowUp
            ? new ProspectFrequency(dayCount, dayOldest, maxPerDay, weekCount, weekOldest, maxPerWeek)
            : null;

        var followUps = check.Source == MessageSource.FollowUp
            ? new FollowUpFacts(reader.GetInt32(reader.FieldCount - 2), reader.GetInt32(reader.FieldCount - 1))
            : null;

        CampaignFacts? campaign = null;
        if (check.Campaign is { } send)
        {
            if (reader.IsDBNull(i))
            {
                // The campaign is gone (or belongs to another team): nothing may go in its name.
                campaign = new CampaignFacts(true, false, SendWindow.Legal, send.Step, 0, false, false, false, 0, 1, DateTimeOffset.MaxValue, 0, null, 1,
                    new BudgetFacts(null, 0, check.EstimatedCost));
            }
            else
            {
                var state = Enum.Parse<CampaignState>(reader.GetString(i++));
                var killed = reader.GetBoolean(i++);
                var window = new SendWindow(reader.GetFieldValue<TimeOnly>(i), reader.GetFieldValue<TimeOnly>(i + 1), CampaignDays.FromMask(reader.GetInt32(i + 2))); i += 3;
                var maxFollowUps = reader.GetInt32(i++);
                var stopOnReply = reader.GetBoolean(i++);
                var needsApproval = reader.GetBoolean(i++);
                var dailyCap = reader.GetInt32(i++);
                var throttle = reader.GetInt32(i++);
                decimal? budget = reader.IsDBNull(i) ? null : reader.GetDecimal(i); i++;
                var committed = reader.GetDecimal(i++);
                var replied = reader.GetBoolean(i++);
                var sentToday = send.Counters?.Today ?? reader.GetInt32(i); i++;
                var nextDay = reader.GetFieldValue<DateTimeOffset>(i++);
                var lastMinute = send.Counters?.LastMinute ?? reader.GetInt32(i); i++;
                // Without the count, the throttle defers by a whole minute: the engine never claims past it anyway.
                var oldestMinute = NullableTime(reader, i++);
                campaign = new CampaignFacts(killed, state == CampaignState.Running, window, send.Step, maxFollowUps, stopOnReply, replied,
                    needsApproval, sentToday, dailyCap, nextDay, lastMinute, oldestMinute, throttle, new BudgetFacts(budget, committed, check.EstimatedCost));
            }
        }
        return new Facts(globalPaused, teamPaused, teamWindow, channelStopped, suppressed, duplicate, frequency, monthlyBudget, teamCommitted, campaign, followUps);
    }

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private sealed record Facts(
        bool GlobalPaused, bool TeamPaused, SendWindow? TeamWindow, bool ChannelStopped, bool Suppressed, bool Duplicate,
        ProspectFrequency? Frequency, decimal? MonthlyBudget, decimal TeamCommitted, CampaignFacts? Campaign, FollowUpFacts? FollowUps);
}

/// <summary>A send about to be queued: to whom, for whom, on whose behalf, and when it would leave.</summary>
public sealed record SendCheck(string To, Guid? ProspectId, string? RecipientTimeZone, MessageSource Source, DateTimeOffset? At = null)
{
    /// <summary>The message text, for the duplicate-content guard (null: not checked).</summary>
    public string? Body { get; init; }

    /// <summary>Spend to reserve against the budgets when the send is allowed; zero reserves nothing.</summary>
    public decimal EstimatedCost { get; init; }

    /// <summary>The campaign step this send belongs to, if any.</summary>
    public CampaignSend? Campaign { get; init; }
}

/// <summary>The campaign, enrollment and step a message is sent for.</summary>
public sealed record CampaignSend(Guid CampaignId, long EnrollmentId, int Step)
{
    /// <summary>
    /// The campaign's throttle and daily counters as the caller already knows them (the engine reads them once
    /// per batch and claims no more than they allow); null makes the service count them itself.
    /// </summary>
    public CampaignCounters? Counters { get; init; }
}

/// <summary>Messages the campaign queued in the last minute and today (team's time zone).</summary>
public sealed record CampaignCounters(int LastMinute, int Today);
