using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Settings;

/// <summary>
/// The installation administrator's stop for all sending of every team. The guardrail service refuses
/// new sends while it is engaged and the dispatcher claims nothing, so queued messages stay queued; once
/// <see cref="EngageAsync"/> returns, no node hands another message to a provider.
/// </summary>
public sealed class GlobalKillSwitch(
    ISystemDbContextFactory systemContexts, TenantScope scope, IAuditLog audit, Messaging.Queue.KillSwitchGate gate, TimeProvider clock)
{
    [ReadOnly]
    public async Task<GlobalStop?> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = systemContexts.CreateDbContext();
        var settings = await db.Set<InstallationSetting>().AsNoTracking()
            .Where(s => s.Key == InstallationSetting.GlobalSendingPaused || s.Key == InstallationSetting.GlobalSendingPausedReason
                || s.Key == InstallationSetting.GlobalSendingPausedBy)
            .ToDictionaryAsync(s => s.Key, cancellationToken);
        return settings.TryGetValue(InstallationSetting.GlobalSendingPaused, out var paused) && paused.Value == "true"
            ? new GlobalStop(NullIfEmpty(settings.GetValueOrDefault(InstallationSetting.GlobalSendingPausedReason)?.Value),
                settings.GetValueOrDefault(InstallationSetting.GlobalSendingPausedBy)?.Value ?? "", paused.UpdatedAt)
            : null;
    }

    /// <summary>Stops at once; the reason may follow (<see cref="ExplainAsync"/>).</summary>
    [Requires(Permission.StopAllSending)]
    public async Task EngageAsync(string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.StopAllSending);
        var why = reason?.Trim() ?? "";
        await SetAsync(actor, AuditActions.GlobalSendingPaused,
            why.Length > 0 ? $"Stopped all sending of every team: {why}" : "Stopped all sending of every team", cancellationToken,
            (InstallationSetting.GlobalSendingPaused, "true"), (InstallationSetting.GlobalSendingPausedReason, why),
            (InstallationSetting.GlobalSendingPausedBy, actor.Name ?? "unknown"));
        // Returns only once no node can hand another message to a provider (see KillSwitchGate).
        await gate.BarrierAsync(cancellationToken);
    }

    [Requires(Permission.StopAllSending)]
    public async Task ExplainAsync(string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.StopAllSending);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Say why all sending was stopped; every team sees it.");
        }
        if (await CurrentAsync(cancellationToken) is null)
        {
            throw new DomainException("Sending is not stopped any more.");
        }
        // Only the reason changes: the stop's own row keeps the moment it was engaged (its episode).
        await SetAsync(actor, AuditActions.KillSwitchExplained, $"Reason for stopping every team: {reason.Trim()}", cancellationToken,
            (InstallationSetting.GlobalSendingPausedReason, reason.Trim()));
    }

    [Requires(Permission.StopAllSending)]
    public async Task ReleaseAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        scope.Demand(Permission.StopAllSending);
        await SetAsync(actor, AuditActions.GlobalSendingResumed, "Resumed sending for every team", cancellationToken,
            (InstallationSetting.GlobalSendingPaused, "false"), (InstallationSetting.GlobalSendingPausedReason, ""));
    }

    /// <summary>Changes the settings and records the change in one transaction, then announces the entry.</summary>
    private async Task SetAsync(AuditActor actor, string action, string summary, CancellationToken cancellationToken, params (string Key, string Value)[] values)
    {
        await using var db = systemContexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Every change of the installation's stop is destructive: the caller's administration is read again here.
        await db.DemandCurrentAsync(scope, Permission.StopAllSending, cancellationToken);
        foreach (var (key, value) in values)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO installation_settings (key, value, updated_at) VALUES ({key}, {value}, {clock.GetUtcNow()})
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """, cancellationToken);
        }
        var entry = audit.Add(db, null, actor, action, summary);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.AnnounceAsync(entry, cancellationToken);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>The installation-wide stop: why (null until someone says), who, and since when.</summary>
public sealed record GlobalStop(string? Reason, string By, DateTimeOffset Since);
