using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Domain.Auditing;
using Outreach.Domain.Reports;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Reports;

/// <summary>The team's weekly e-mail setting, read and changed as the team (row-level security applies).</summary>
public sealed class WeeklyReportSubscriptions(
    IDbContextFactory<OutreachDbContext> contexts,
    TenantScope scope,
    IAuditLog audit,
    Mail.IMailSender mail,
    TimeProvider clock)
{
    public bool EmailConfigured => mail.IsConfigured;

    public async Task<WeeklyReportSubscription?> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teamId = scope.RequireTeamId();
        return await db.Set<WeeklyReportSubscription>().AsNoTracking().SingleOrDefaultAsync(s => s.TeamId == teamId, cancellationToken);
    }

    /// <summary>Throws a domain exception with a message for the user when the addresses are not valid.</summary>
    public async Task SaveAsync(bool enabled, string? recipients, AuditActor actor, CancellationToken cancellationToken)
    {
        var teamId = scope.RequireTeamId();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subscription = await db.Set<WeeklyReportSubscription>().SingleOrDefaultAsync(s => s.TeamId == teamId, cancellationToken);
        if (subscription is null)
        {
            subscription = WeeklyReportSubscription.Create(teamId, clock);
            db.Add(subscription);
        }
        subscription.Change(enabled, recipients, clock);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(teamId, actor, AuditActions.ReportScheduleChanged,
            enabled ? $"Weekly report e-mailed to {subscription.Recipients}" : "Weekly report e-mail turned off",
            new { enabled, recipients = subscription.RecipientList }, cancellationToken);
    }
}
