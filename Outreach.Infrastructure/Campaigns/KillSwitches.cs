using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Auditing;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Common;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Suppression;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Events;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Settings;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>
/// The four kill switches: a campaign, a channel, the team, the installation. Engaging one commits it,
/// passes the <see cref="KillSwitchGate"/> barrier (after which no node hands another message of that scope
/// to a provider), audits who and why, publishes it live, and answers with the messages that were already
/// in a provider's hands. Releasing is a separate, deliberate action (a campaign is resumed on purpose).
/// </summary>
public sealed class KillSwitches(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantScope scope,
    MessagingAdministration messaging,
    GlobalKillSwitch global,
    KillSwitchGate gate,
    IAuditLog audit,
    ILiveEventPublisher events,
    TimeProvider clock)
{
    private static readonly TimeSpan HandedWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public async Task<KillSwitchAck> StopCampaignAsync(Guid campaignId, string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var teamId = scope.RequireTeamId();
        string name;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var campaign = await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
                ?? throw new DomainException("This campaign does not exist.");
            campaign.EngageKillSwitch(reason, actor.Name ?? "unknown", clock);
            await db.SaveChangesAsync(cancellationToken);
            name = campaign.Name;
        }
        return await AcknowledgeAsync(teamId, new KillScope(teamId, campaignId), $"campaign \"{name}\"", reason, actor, watch, cancellationToken);
    }

    public async Task<KillSwitchAck> StopChannelAsync(SuppressionChannel channel, string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var teamId = scope.RequireTeamId();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Set<ChannelKillSwitch>().AnyAsync(k => k.Channel == channel, cancellationToken))
            {
                db.Add(ChannelKillSwitch.Engage(teamId, channel, reason, actor.Name ?? "unknown", clock));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        return await AcknowledgeAsync(teamId, new KillScope(teamId, null), $"the {channel} channel", reason, actor, watch, cancellationToken);
    }

    public async Task ReleaseChannelAsync(SuppressionChannel channel, AuditActor actor, CancellationToken cancellationToken)
    {
        var teamId = scope.RequireTeamId();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Set<ChannelKillSwitch>().Where(k => k.Channel == channel).ExecuteDeleteAsync(cancellationToken);
        }
        await audit.RecordAsync(teamId, actor, CampaignAuditActions.KillSwitchReleased, $"Resumed sending on the {channel} channel", new { channel = channel.ToString() }, cancellationToken);
        await PublishAsync(teamId, "channel", false, cancellationToken);
    }

    public async Task<KillSwitchAck> StopTeamAsync(string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Say why all sending stops.");
        }
        var watch = Stopwatch.StartNew();
        var teamId = scope.RequireTeamId();
        await messaging.PauseAsync(reason.Trim(), actor, cancellationToken);
        return await AcknowledgeAsync(teamId, new KillScope(teamId, null), "the whole team", reason, actor, watch, cancellationToken, audited: true);
    }

    /// <summary>The installation administrator's stop; the caller checks that the actor is one.</summary>
    public async Task<KillSwitchAck> StopEverythingAsync(string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await global.EngageAsync(reason, actor, cancellationToken);
        await gate.BarrierAsync(cancellationToken);
        var acknowledged = clock.GetUtcNow();
        var handed = await gate.HandedOverAsync(new KillScope(null, null), HandedWindow, Settle, cancellationToken);
        return new KillSwitchAck(acknowledged, watch.Elapsed, handed);
    }

    public async Task<IReadOnlyList<ChannelKillSwitch>> ChannelSwitchesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ChannelKillSwitch>().AsNoTracking().ToListAsync(cancellationToken);
    }

    private async Task<KillSwitchAck> AcknowledgeAsync(Guid teamId, KillScope killScope, string what, string reason, AuditActor actor, Stopwatch watch,
        CancellationToken cancellationToken, bool audited = false)
    {
        await gate.BarrierAsync(cancellationToken);
        var acknowledged = clock.GetUtcNow();
        var elapsed = watch.Elapsed;
        var handed = await gate.HandedOverAsync(killScope, HandedWindow, Settle, cancellationToken);
        if (!audited)
        {
            await audit.RecordAsync(teamId, actor, CampaignAuditActions.KillSwitchEngaged, $"Stopped {what}: {reason.Trim()}",
                new { campaignId = killScope.CampaignId, reason = reason.Trim(), handedOver = handed.Count }, cancellationToken);
        }
        await PublishAsync(teamId, what, true, cancellationToken);
        return new KillSwitchAck(acknowledged, elapsed, handed);
    }

    private Task PublishAsync(Guid teamId, string what, bool engaged, CancellationToken cancellationToken) =>
        events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.KillSwitchChanged, new Dictionary<string, string?>
        {
            ["scope"] = what,
            ["engaged"] = engaged ? "true" : "false",
        }, clock.GetUtcNow()), cancellationToken);
}

/// <summary>
/// A switch's acknowledgement: from <see cref="AcknowledgedAt"/> on nothing in its scope reaches a provider;
/// <see cref="HandedOver"/> lists what already had (within the last seconds).
/// </summary>
public sealed record KillSwitchAck(DateTimeOffset AcknowledgedAt, TimeSpan Elapsed, IReadOnlyList<HandedOverMessage> HandedOver);
