using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Auditing;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Common;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Messaging;
using Outreach.Domain.Suppression;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Settings;
using Outreach.Infrastructure.Tenancy;
using Outreach.Domain.Webhooks;
using Outreach.Infrastructure.Webhooks;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>
/// The four kill switches: a campaign, a channel, the team, the installation. Engaging one commits it,
/// passes the <see cref="KillSwitchGate"/> barrier (after which no node hands another message of that scope
/// to a provider), audits who and why, publishes it live, and answers with the messages that were already
/// in a provider's hands. A stop never waits for a reason: it can come with the stop or afterwards
/// (<see cref="ExplainAsync"/>). Releasing is a separate, deliberate action (a campaign is resumed on purpose).
/// </summary>
public sealed class KillSwitches(
    IDbContextFactory<OutreachDbContext> contexts,
    CampaignService campaigns,
    TenantScope scope,
    MessagingAdministration messaging,
    GlobalKillSwitch global,
    KillSwitchGate gate,
    IAuditLog audit,
    ILiveEventPublisher events,
    TimeProvider clock) : IKillSwitches
{
    private static readonly TimeSpan HandedWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <summary>What is stopped right now for the team: what every page shows while it lasts.</summary>
    [ReadOnly]
    public async Task<SendingStops> StopsAsync(CancellationToken cancellationToken)
    {
        StopInfo? team = null;
        StopInfo? sms = null;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var settings = await db.Set<MessagingSettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
            if (settings is { SendingPaused: true })
            {
                team = new StopInfo(settings.PausedReason, settings.PausedBy ?? "", settings.PausedAt ?? settings.UpdatedAt);
            }
            var channel = await db.Set<ChannelKillSwitch>().AsNoTracking().SingleOrDefaultAsync(k => k.Channel == SuppressionChannel.Sms, cancellationToken);
            if (channel is not null)
            {
                sms = new StopInfo(channel.Reason.Length == 0 ? null : channel.Reason, channel.EngagedBy, channel.EngagedAt);
            }
        }
        var installation = await global.CurrentAsync(cancellationToken) is { } stop ? new StopInfo(stop.Reason, stop.By, stop.Since) : null;
        return new SendingStops(installation, team, sms);
    }

    [Requires(Permission.UseKillSwitches)]
    public async Task<KillSwitchAck> StopCampaignAsync(Guid campaignId, string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.UseKillSwitches);
        var watch = Stopwatch.StartNew();
        var teamId = scope.RequireTeamId();
        string name;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.DemandCurrentAsync(scope, Permission.UseKillSwitches, cancellationToken);
            var campaign = await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
                ?? throw new DomainException("This campaign does not exist.");
            campaign.EngageKillSwitch(reason, actor.Name ?? "unknown", clock);
            WebhookOutbox.Add(db, teamId, WebhookEventTypes.KillSwitchEngaged, new { scope = "campaign", campaignId, campaign.Name, reason, by = actor.Name }, clock);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            name = campaign.Name;
        }
        return await AcknowledgeAsync(teamId, new KillScope(teamId, campaignId), $"campaign \"{name}\"", reason, actor, watch, cancellationToken);
    }

    [Requires(Permission.UseKillSwitches)]
    public async Task<KillSwitchAck> StopChannelAsync(SuppressionChannel channel, string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.UseKillSwitches);
        var watch = Stopwatch.StartNew();
        var teamId = scope.RequireTeamId();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.DemandCurrentAsync(scope, Permission.UseKillSwitches, cancellationToken);
            if (!await db.Set<ChannelKillSwitch>().AnyAsync(k => k.Channel == channel, cancellationToken))
            {
                db.Add(ChannelKillSwitch.Engage(teamId, channel, reason, actor.Name ?? "unknown", clock));
                WebhookOutbox.Add(db, teamId, WebhookEventTypes.KillSwitchEngaged, new { scope = "channel", channel = channel.ToString(), reason, by = actor.Name }, clock);
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return await AcknowledgeAsync(teamId, new KillScope(teamId, null), $"{ChannelName(channel)}", reason, actor, watch, cancellationToken);
    }

    [Requires(Permission.UseKillSwitches)]
    public async Task ReleaseChannelAsync(SuppressionChannel channel, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.UseKillSwitches);
        var teamId = scope.RequireTeamId();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.DemandCurrentAsync(scope, Permission.UseKillSwitches, cancellationToken);
            await db.Set<ChannelKillSwitch>().Where(k => k.Channel == channel).ExecuteDeleteAsync(cancellationToken);
            WebhookOutbox.Add(db, teamId, WebhookEventTypes.KillSwitchReleased, new { scope = "channel", channel = channel.ToString(), by = actor.Name }, clock);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await audit.RecordAsync(teamId, actor, CampaignAuditActions.KillSwitchReleased, $"Resumed {ChannelName(channel)}", new { channel = channel.ToString() }, cancellationToken);
        await PublishAsync(teamId, "channel", false, cancellationToken);
    }

    [Requires(Permission.UseKillSwitches)]
    public async Task<KillSwitchAck> StopTeamAsync(string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.UseKillSwitches);
        var watch = Stopwatch.StartNew();
        var teamId = scope.RequireTeamId();
        await messaging.PauseAsync(reason, actor, cancellationToken);
        return await AcknowledgeAsync(teamId, new KillScope(teamId, null), "all sending", reason, actor, watch, cancellationToken, audited: true);
    }

    [Requires(Permission.UseKillSwitches)]
    public async Task ResumeTeamAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.UseKillSwitches);
        await messaging.ResumeAsync(actor, cancellationToken);
        await PublishAsync(scope.RequireTeamId(), "team", false, cancellationToken);
    }

    /// <summary>The installation administrator's stop.</summary>
    [Requires(Permission.StopAllSending)]
    public async Task<KillSwitchAck> StopEverythingAsync(string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.StopAllSending);
        var watch = Stopwatch.StartNew();
        await global.EngageAsync(reason, actor, cancellationToken);
        await gate.BarrierAsync(cancellationToken);
        var acknowledged = clock.GetUtcNow();
        var elapsed = watch.Elapsed;
        var handed = await gate.HandedOverAsync(new KillScope(null, null), HandedWindow, Settle, cancellationToken);
        await PublishAsync(null, "installation", true, cancellationToken);
        return new KillSwitchAck(acknowledged, elapsed, handed);
    }

    /// <summary>The installation administrator's release.</summary>
    [Requires(Permission.StopAllSending)]
    public async Task ResumeEverythingAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.StopAllSending);
        await global.ReleaseAsync(actor, cancellationToken);
        await PublishAsync(null, "installation", false, cancellationToken);
    }

    /// <summary>
    /// The reason for a stop already engaged, asked for after the fact: it replaces "no reason given yet" where the
    /// team sees the stop, and the audit log records it beside the stop.
    /// </summary>
    [Requires(Permission.UseKillSwitches)]
    public async Task ExplainAsync(KillSwitchKind kind, Guid? campaignId, string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(SwitchPermission(kind));
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Say why sending was stopped.");
        }
        if (kind == KillSwitchKind.Installation)
        {
            await global.ExplainAsync(reason, actor, cancellationToken);
            await PublishAsync(null, "installation", true, cancellationToken);
            return;
        }
        var teamId = scope.RequireTeamId();
        switch (kind)
        {
            case KillSwitchKind.Team:
                await messaging.ExplainPauseAsync(reason, actor, cancellationToken);
                break;
            case KillSwitchKind.Sms:
                await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                {
                    var channel = await db.Set<ChannelKillSwitch>().SingleOrDefaultAsync(k => k.Channel == SuppressionChannel.Sms, cancellationToken)
                        ?? throw new DomainException("SMS is not stopped any more.");
                    channel.Explain(reason);
                    await db.SaveChangesAsync(cancellationToken);
                }
                await audit.RecordAsync(teamId, actor, AuditActions.KillSwitchExplained, $"Reason for stopping SMS: {reason.Trim()}", null, cancellationToken);
                break;
            case KillSwitchKind.Campaign:
                string name;
                await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                {
                    var campaign = await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
                        ?? throw new DomainException("This campaign does not exist.");
                    campaign.ExplainKillSwitch(reason, clock);
                    await db.SaveChangesAsync(cancellationToken);
                    name = campaign.Name;
                }
                await audit.RecordAsync(teamId, actor, AuditActions.KillSwitchExplained, $"Reason for stopping campaign \"{name}\": {reason.Trim()}",
                    new { campaignId, reason = reason.Trim() }, cancellationToken);
                break;
        }
        await PublishAsync(teamId, kind.ToString().ToLowerInvariant(), true, cancellationToken);
    }

    [Requires(Permission.UseKillSwitches)]
    public Task<KillSwitchAck> StopAsync(KillSwitchKind kind, Guid? campaignId, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(SwitchPermission(kind));
        return StopOneAsync(kind, campaignId, actor, cancellationToken);
    }

    private Task<KillSwitchAck> StopOneAsync(KillSwitchKind kind, Guid? campaignId, AuditActor actor, CancellationToken cancellationToken) => kind switch
    {
        KillSwitchKind.Campaign => StopCampaignAsync(campaignId ?? throw new ArgumentNullException(nameof(campaignId)), null, actor, cancellationToken),
        KillSwitchKind.Sms => StopChannelAsync(SuppressionChannel.Sms, null, actor, cancellationToken),
        KillSwitchKind.Team => StopTeamAsync(null, actor, cancellationToken),
        _ => StopEverythingAsync(null, actor, cancellationToken),
    };

    [Requires(Permission.UseKillSwitches)]
    public async Task ResumeAsync(KillSwitchKind kind, Guid? campaignId, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(SwitchPermission(kind));
        switch (kind)
        {
            case KillSwitchKind.Campaign:
                await campaigns.TransitionAsync(campaignId ?? throw new ArgumentNullException(nameof(campaignId)), CampaignState.Running,
                    "Resumed after its kill switch", actor, cancellationToken);
                break;
            case KillSwitchKind.Sms:
                await ReleaseChannelAsync(SuppressionChannel.Sms, actor, cancellationToken);
                break;
            case KillSwitchKind.Team:
                await ResumeTeamAsync(actor, cancellationToken);
                break;
            default:
                await ResumeEverythingAsync(actor, cancellationToken);
                break;
        }
    }

    // The installation's switch is the installation administrator's; every other one is the team's managers'.
    private static Permission SwitchPermission(KillSwitchKind kind) =>
        kind == KillSwitchKind.Installation ? Permission.StopAllSending : Permission.UseKillSwitches;

    private static string ChannelName(SuppressionChannel channel) => channel == SuppressionChannel.Sms ? "SMS" : channel.ToString();

    private async Task<KillSwitchAck> AcknowledgeAsync(Guid teamId, KillScope killScope, string what, string? reason, AuditActor actor, Stopwatch watch,
        CancellationToken cancellationToken, bool audited = false)
    {
        await gate.BarrierAsync(cancellationToken);
        var acknowledged = clock.GetUtcNow();
        var elapsed = watch.Elapsed;
        var handed = await gate.HandedOverAsync(killScope, HandedWindow, Settle, cancellationToken);
        if (!audited)
        {
            var why = reason?.Trim();
            await audit.RecordAsync(teamId, actor, CampaignAuditActions.KillSwitchEngaged, string.IsNullOrEmpty(why) ? $"Stopped {what}" : $"Stopped {what}: {why}",
                new { campaignId = killScope.CampaignId, reason = why, handedOver = handed.Count }, cancellationToken);
        }
        await PublishAsync(teamId, what, true, cancellationToken);
        return new KillSwitchAck(acknowledged, elapsed, handed);
    }

    private Task PublishAsync(Guid? teamId, string what, bool engaged, CancellationToken cancellationToken) =>
        events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.KillSwitchChanged, new Dictionary<string, string?>
        {
            ["scope"] = what,
            ["engaged"] = engaged ? "true" : "false",
        }, clock.GetUtcNow()), cancellationToken);
}

/// <summary>
/// What a kill switch button does, whichever switch it is: stop at once (no reason asked first), explain afterwards,
/// resume on purpose; and what holds the team's sending now. <see cref="KillSwitches"/> is the implementation.
/// </summary>
public interface IKillSwitches
{
    Task<SendingStops> StopsAsync(CancellationToken cancellationToken);

    /// <summary>Engages the switch; a campaign's needs <paramref name="campaignId"/>.</summary>
    Task<KillSwitchAck> StopAsync(KillSwitchKind kind, Guid? campaignId, AuditActor actor, CancellationToken cancellationToken);

    Task ExplainAsync(KillSwitchKind kind, Guid? campaignId, string reason, AuditActor actor, CancellationToken cancellationToken);

    /// <summary>Releases the switch (a campaign's is resumed: it runs again).</summary>
    Task ResumeAsync(KillSwitchKind kind, Guid? campaignId, AuditActor actor, CancellationToken cancellationToken);
}

/// <summary>Which kill switch: one of the team's campaigns, the team's SMS, the whole team, the installation.</summary>
public enum KillSwitchKind
{
    Campaign,
    Sms,
    Team,
    Installation,
}

/// <summary>One engaged stop: why (null until someone says), who, since when.</summary>
public sealed record StopInfo(string? Reason, string By, DateTimeOffset Since);

/// <summary>
/// The stops that hold all of a team's sending (the installation, the team, its SMS channel); campaign stops
/// show on their campaigns.
/// </summary>
public sealed record SendingStops(StopInfo? Installation, StopInfo? Team, StopInfo? Sms)
{
    public static readonly SendingStops None = new(null, null, null);

    /// <summary>Whether any of them is engaged: then every campaign of the team is held, whatever its own state.</summary>
    public bool Any => Installation is not null || Team is not null || Sms is not null;

    /// <summary>Why the team's campaigns are held, in the words the pages use; null when nothing holds them.</summary>
    public string? HeldBecause => Installation is not null ? "All sending of the installation is stopped"
        : Team is not null ? "All sending of the team is stopped"
        : Sms is not null ? "SMS is stopped"
        : null;
}

/// <summary>
/// A switch's acknowledgement: from <see cref="AcknowledgedAt"/> on nothing in its scope reaches a provider;
/// <see cref="HandedOver"/> lists what already had (within the last seconds).
/// </summary>
public sealed record KillSwitchAck(DateTimeOffset AcknowledgedAt, TimeSpan Elapsed, IReadOnlyList<HandedOverMessage> HandedOver);
