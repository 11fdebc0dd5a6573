using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Suppression;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Settings;
using Outreach.Infrastructure.Suppression;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Guardrails;

/// <summary>
/// The one place every send asks before it is queued, manual or automated. It gathers what the domain's
/// <see cref="GuardrailPolicy"/> needs (suppression, kill switches, the team's sending hours, the
/// recipient's time zone), lets the policy decide, and records every block and deferral with its reason.
/// </summary>
public sealed class GuardrailService(
    IDbContextFactory<OutreachDbContext> contexts,
    ISystemDbContextFactory systemContexts,
    SuppressionList suppression,
    TenantScope scope,
    TimeProvider clock)
{
    public async Task<GuardrailDecision> CheckAsync(SendCheck check, CancellationToken cancellationToken)
    {
        var teamId = scope.RequireTeamId();
        var phone = PhoneNumbers.Parse(check.To);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await db.Set<MessagingSettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        bool globalPause;
        await using (var system = systemContexts.CreateDbContext())
        {
            globalPause = await system.Set<InstallationSetting>().AsNoTracking()
                .AnyAsync(s => s.Key == InstallationSetting.GlobalSendingPaused && s.Value == "true", cancellationToken);
        }
        var suppressed = phone.E164 is { } e164 && await suppression.IsSuppressedAsync(SuppressionChannel.Sms, e164, cancellationToken);
        var request = new GuardrailRequest(
            Now: check.At ?? clock.GetUtcNow(),
            RecipientTimeZone: check.RecipientTimeZone ?? TimeZones.Resolve(null, phone.E164),
            RecipientSuppressed: suppressed,
            GlobalKillSwitch: globalPause,
            TeamKillSwitch: settings?.SendingPaused == true,
            ChannelKillSwitch: false,
            TeamWindow: settings is null ? null : new SendWindow(settings.QuietHoursStart, settings.QuietHoursEnd),
            HasValidRecipient: phone.IsValid);
        var decision = GuardrailPolicy.Evaluate(request);
        if (!decision.IsAllowed)
        {
            db.Add(GuardrailEvent.Record(teamId, check.ProspectId, phone.E164 ?? check.To, decision, check.Source.ToString(), clock));
            await db.SaveChangesAsync(cancellationToken);
        }
        return decision;
    }
}

/// <summary>A send about to be queued: to whom, for whom, on whose behalf, and when it would leave.</summary>
public sealed record SendCheck(string To, Guid? ProspectId, string? RecipientTimeZone, MessageSource Source, DateTimeOffset? At = null);
