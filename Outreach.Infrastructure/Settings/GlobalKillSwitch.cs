using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Auditing;
using Outreach.Domain.Common;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Settings;

/// <summary>
/// The installation administrator's stop for all sending of every team. The guardrail service refuses
/// new sends while it is engaged and the dispatcher claims nothing, so queued messages stay queued; once
/// <see cref="EngageAsync"/> returns, no node hands another message to a provider.
/// </summary>
public sealed class GlobalKillSwitch(ISystemDbContextFactory systemContexts, IAuditLog audit, Messaging.Queue.KillSwitchGate gate, TimeProvider clock)
{
    public async Task<GlobalStop?> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = systemContexts.CreateDbContext();
        var settings = await db.Set<InstallationSetting>().AsNoTracking()
            .Where(s => s.Key == InstallationSetting.GlobalSendingPaused || s.Key == InstallationSetting.GlobalSendingPausedReason)
            .ToDictionaryAsync(s => s.Key, cancellationToken);
        return settings.TryGetValue(InstallationSetting.GlobalSendingPaused, out var paused) && paused.Value == "true"
            ? new GlobalStop(settings.GetValueOrDefault(InstallationSetting.GlobalSendingPausedReason)?.Value ?? "", paused.UpdatedAt)
            : null;
    }

    public async Task EngageAsync(string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Say why all sending stops; every team sees it.");
        }
        await SetAsync(true, $"{reason.Trim()} ({actor.Name})", cancellationToken);
        // Returns only once no node can hand another message to a provider (see KillSwitchGate).
        await gate.BarrierAsync(cancellationToken);
        await audit.RecordAsync(null, actor, AuditActions.GlobalSendingPaused, $"Stopped all sending of every team: {reason.Trim()}", null, cancellationToken);
    }

    public async Task ReleaseAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        await SetAsync(false, "", cancellationToken);
        await audit.RecordAsync(null, actor, AuditActions.GlobalSendingResumed, "Resumed sending for every team", null, cancellationToken);
    }

    private async Task SetAsync(bool paused, string reason, CancellationToken cancellationToken)
    {
        await using var db = systemContexts.CreateDbContext();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO installation_settings (key, value, updated_at)
            VALUES ({InstallationSetting.GlobalSendingPaused}, {(paused ? "true" : "false")}, {clock.GetUtcNow()}),
                   ({InstallationSetting.GlobalSendingPausedReason}, {reason}, {clock.GetUtcNow()})
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, cancellationToken);
    }
}

public sealed record GlobalStop(string Reason, DateTimeOffset Since);
