using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Messaging.Inbound;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Messaging;

/// <summary>
/// A team's messaging settings: sending numbers, the team kill switch, sending hours, auto-reply, the
/// concurrency cap and the classification profile. Every change is audited and announced live.
/// </summary>
public sealed class MessagingAdministration(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantScope scope,
    ClassificationProfiles profiles,
    NumberRoutes routes,
    ISmsProviderRegistry providers,
    IAuditLog audit,
    ILiveEventPublisher events,
    Queue.KillSwitchGate gate,
    TimeProvider clock)
{
    [ReadOnly]
    public async Task<MessagingSettings> GetSettingsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await EnsureSettingsAsync(db, cancellationToken);
    }

    [ReadOnly]
    public async Task<ClassificationProfile> GetProfileAsync(CancellationToken cancellationToken) =>
        ClassificationProfiles.Parse((await GetSettingsAsync(cancellationToken)).ClassificationProfile);

    [ReadOnly]
    public async Task<IReadOnlyList<SendingNumberView>> GetNumbersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var numbers = await db.Set<SendingNumber>().AsNoTracking().OrderBy(n => n.Number).ToListAsync(cancellationToken);
        return numbers.Select(n => new SendingNumberView(n, providers.IsConfigured(n.Provider))).ToList();
    }

    [ReadOnly]
    public async Task<IReadOnlyList<GuardrailEvent>> RecentGuardrailEventsAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<GuardrailEvent>().AsNoTracking().OrderByDescending(e => e.LastOccurredAt).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>The team kill switch: returns once no node hands another message of the team to a provider.</summary>
    [Requires(Permission.UseKillSwitches)]
    public async Task PauseAsync(string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.UseKillSwitches);
        await ChangeAsync(Permission.UseKillSwitches, s => s.Pause(reason, actor.Name ?? "unknown", clock), AuditActions.TeamSendingPaused,
            string.IsNullOrWhiteSpace(reason) ? "Stopped all sending" : $"Stopped all sending: {reason.Trim()}", actor, cancellationToken,
            (Domain.Webhooks.WebhookEventTypes.KillSwitchEngaged, new { scope = "team", reason, by = actor.Name }));
        await gate.BarrierAsync(cancellationToken);
    }

    /// <summary>The reason for the team's stop, given after it was engaged.</summary>
    [Requires(Permission.UseKillSwitches)]
    public Task ExplainPauseAsync(string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.UseKillSwitches);
        return ChangeAsync(Permission.UseKillSwitches, s => s.ExplainPause(reason, clock), AuditActions.KillSwitchExplained, $"Reason for stopping all sending: {reason.Trim()}", actor, cancellationToken);
    }

    [Requires(Permission.UseKillSwitches)]
    public Task ResumeAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.UseKillSwitches);
        return ChangeAsync(Permission.UseKillSwitches, s => s.Resume(clock), AuditActions.TeamSendingResumed, "Resumed sending", actor, cancellationToken,
            (Domain.Webhooks.WebhookEventTypes.KillSwitchReleased, new { scope = "team", by = actor.Name }));
    }

    [Requires(Permission.ManageMessaging)]
    public Task ChangeSendingHoursAsync(TimeOnly start, TimeOnly end, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageMessaging);
        return ChangeAsync(Permission.ManageMessaging, s => s.ChangeQuietHours(start, end, clock), AuditActions.MessagingSettingsChanged,
            $"Sending hours set to {start:HH\\:mm}-{end:HH\\:mm} recipient time", actor, cancellationToken);
    }

    [Requires(Permission.ManageMessaging)]
    public Task ChangeAutoReplyAsync(bool enabled, int threshold, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageMessaging);
        return ChangeAsync(Permission.ManageMessaging, s => s.ChangeAutoReply(enabled, threshold, clock), AuditActions.MessagingSettingsChanged,
            enabled ? $"Auto-reply on at {threshold}% confidence" : "Auto-reply off", actor, cancellationToken);
    }

    [Requires(Permission.ManageMessaging)]
    public Task ChangeConcurrencyAsync(int maxConcurrentSends, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageMessaging);
        return ChangeAsync(Permission.ManageMessaging, s => s.ChangeConcurrency(maxConcurrentSends, clock), AuditActions.MessagingSettingsChanged,
            $"Concurrency cap set to {maxConcurrentSends} messages in flight", actor, cancellationToken);
    }

    [Requires(Permission.ManageMessaging)]
    public Task ChangeHotLeadSlaAsync(int minutes, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageMessaging);
        return ChangeAsync(Permission.ManageMessaging, s => s.ChangeHotLeadSla(minutes, clock), AuditActions.MessagingSettingsChanged,
            $"Hot leads are to be answered within {minutes} minutes", actor, cancellationToken);
    }

    /// <summary>The team's monthly budget and the caps on automated sending per prospect (defaults when never set).</summary>
    [ReadOnly]
    public async Task<TeamSendingLimits> GetLimitsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<TeamSendingLimits>().AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? TeamSendingLimits.Defaults(scope.RequireTeamId(), clock);
    }

    /// <summary>Budgets are money: only owners and admins change them.</summary>
    [Requires(Permission.ManageBudgets)]
    public async Task ChangeLimitsAsync(
        decimal? monthlyBudget, int maxPerDay, int maxPerWeek, int maxFollowUpsWithoutReply, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageBudgets);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var limits = await db.Set<TeamSendingLimits>().SingleOrDefaultAsync(cancellationToken);
        if (limits is null)
        {
            limits = TeamSendingLimits.Defaults(scope.RequireTeamId(), clock);
            db.Add(limits);
        }
        limits.Change(monthlyBudget, maxPerDay, maxPerWeek, clock, maxFollowUpsWithoutReply);
        var entry = audit.Add(db, limits.TeamId, actor, AuditActions.SendingLimitsChanged,
            $"Monthly budget {(monthlyBudget is { } b ? b.ToString("C", System.Globalization.CultureInfo.GetCultureInfo("en-US")) : "none")}, " +
            $"at most {maxPerDay} a day and {maxPerWeek} a week per prospect, {maxFollowUpsWithoutReply} follow-ups without a reply",
            new { monthlyBudget, maxPerDay, maxPerWeek, maxFollowUpsWithoutReply });
        await db.SaveChangesAsync(cancellationToken);
        await audit.AnnounceAsync(entry, cancellationToken);
        await PublishAsync(cancellationToken);
    }

    [Requires(Permission.ManageMessaging)]
    public async Task SaveProfileAsync(ClassificationProfile profile, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageMessaging);
        var validation = profile.Validate();
        if (!validation.IsValid)
        {
            throw new DomainException(string.Join(" ", validation.Errors));
        }
        await ChangeAsync(Permission.ManageMessaging, s => s.ChangeClassificationProfile(JsonSerializer.Serialize(profile), clock), AuditActions.MessagingSettingsChanged,
            "Classification profile changed", actor, cancellationToken);
    }

    [Requires(Permission.ManageMessaging)]
    public async Task AddNumberAsync(string number, string provider, string? label, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageMessaging);
        var teamId = scope.RequireTeamId();
        var sendingNumber = SendingNumber.Register(teamId, number, provider, label, clock);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(sendingNumber);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The number may belong to another team; saying which would tell this team about the other.
            throw new DomainException($"{sendingNumber.Number} is already registered on this installation.");
        }
        routes.Forget(sendingNumber.Number);
        await audit.RecordAsync(teamId, actor, AuditActions.SendingNumberAdded, $"Added sending number {sendingNumber.Number} ({provider})",
            new { sendingNumber.Number, provider }, cancellationToken);
        await PublishAsync(cancellationToken);
    }

    [Requires(Permission.ManageMessaging)]
    public async Task SetNumberActiveAsync(Guid numberId, bool active, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.ManageMessaging);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var number = await db.Set<SendingNumber>().SingleOrDefaultAsync(n => n.Id == numberId, cancellationToken)
            ?? throw new DomainException("This number does not exist.");
        if (active)
        {
            number.Activate();
        }
        else
        {
            number.Deactivate();
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(number.TeamId, actor, AuditActions.SendingNumberChanged,
            $"{(active ? "Activated" : "Deactivated")} sending number {number.Number}", new { number.Number, active }, cancellationToken);
        await PublishAsync(cancellationToken);
    }

    private async Task ChangeAsync(Permission permission, Action<MessagingSettings> change, string action, string summary, AuditActor actor, CancellationToken cancellationToken,
        (string Type, object Data)? webhook = null)
    {
        scope.Demand(permission);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DemandCurrentAsync(scope, permission, cancellationToken);
        var settings = await EnsureSettingsAsync(db, cancellationToken, tracked: true);
        change(settings);
        var entry = audit.Add(db, settings.TeamId, actor, action, summary);
        if (webhook is { } announced)
        {
            Webhooks.WebhookOutbox.Add(db, settings.TeamId, announced.Type, announced.Data, clock);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // This node at once; the others within ClassificationProfiles.Lifetime.
        profiles.Forget(settings.TeamId);
        await audit.AnnounceAsync(entry, cancellationToken);
        await PublishAsync(cancellationToken);
    }

    /// <summary>Teams created before messaging existed (or by hand) get their default settings on first use.</summary>
    private async Task<MessagingSettings> EnsureSettingsAsync(OutreachDbContext db, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.Set<MessagingSettings>() : db.Set<MessagingSettings>().AsNoTracking();
        if (await query.SingleOrDefaultAsync(cancellationToken) is { } existing)
        {
            return existing;
        }
        var created = MessagingSettings.CreateDefault(scope.RequireTeamId(), clock);
        db.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    private Task PublishAsync(CancellationToken cancellationToken) =>
        events.PublishAsync(new LiveEvent(scope.RequireTeamId(), LiveEventKinds.MessagingSettingsChanged, new Dictionary<string, string?>(), clock.GetUtcNow()), cancellationToken);
}

public sealed record SendingNumberView(SendingNumber Number, bool ProviderConfigured);
