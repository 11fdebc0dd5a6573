using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Outreach.Domain.Auditing;
using Outreach.Domain.Reports;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Mail;
using Outreach.Infrastructure.Tenancy;

namespace Outreach.Infrastructure.Reports;

/// <summary>
/// E-mails each subscribed team its summary workbook for the week that just ended (Monday to Sunday in the
/// team's zone). A team's week is claimed in the database before it is sent, so however many nodes and
/// firings there are it goes out once; a failed send releases the claim and the next check tries again.
/// </summary>
public sealed class WeeklyReportSender(
    ISystemDbContextFactory systemContexts,
    IServiceScopeFactory scopes,
    IAuditLog audit,
    IMailSender mail,
    TimeProvider clock,
    ILogger<WeeklyReportSender> logger)
{
    /// <summary>Sends every week that is due; returns how many e-mails went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (!mail.IsConfigured)
        {
            return 0;
        }
        List<(WeeklyReportSubscription Subscription, string Zone, string TeamName)> subscribed;
        await using (var db = systemContexts.CreateDbContext())
        {
            subscribed = (await db.Set<WeeklyReportSubscription>().AsNoTracking().Where(s => s.Enabled)
                    .Join(db.Teams, s => s.TeamId, t => t.Id, (s, t) => new { s, t.TimeZone, t.Name })
                    .ToListAsync(cancellationToken))
                .Select(x => (x.s, x.TimeZone, x.Name)).ToList();
        }
        var sent = 0;
        foreach (var (subscription, zone, teamName) in subscribed)
        {
            var week = ReportPeriod.PreviousWeek(zone, clock);
            if (subscription.LastSentWeek >= week.FirstDay || !await ClaimAsync(subscription.TeamId, week.FirstDay, cancellationToken))
            {
                continue;
            }
            try
            {
                await SendAsync(subscription, teamName, week, cancellationToken);
                sent++;
            }
            catch (MailNotSentException ex)
            {
                logger.LogError(ex, "The weekly report of team {TeamId} for {Week} could not be sent; it is retried at the next check", subscription.TeamId, week.ToString());
                await ReleaseAsync(subscription.TeamId, week.FirstDay, subscription.LastSentWeek, CancellationToken.None);
            }
        }
        return sent;
    }

    private async Task SendAsync(WeeklyReportSubscription subscription, string teamName, ReportPeriod week, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(subscription.TeamId, null);
        var workbook = new MemoryStream();
        var report = await scope.ServiceProvider.GetRequiredService<ReportExporter>()
            .WriteWorkbookAsync(workbook, week, [], AuditActor.System, cancellationToken);
        workbook.Position = 0;

        var body = new BodyBuilder { TextBody = Body(teamName, report) };
        await body.Attachments.AddAsync(ReportExporter.FileName(week, "weekly-report", "xlsx"), workbook,
            ContentType.Parse(ReportExporter.WorkbookContentType), cancellationToken);
        var message = new MimeMessage { Subject = $"{teamName}: weekly report {week}", Body = body.ToMessageBody() };
        message.To.AddRange(subscription.RecipientList.Select(MailboxAddress.Parse));
        await mail.SendAsync(message, cancellationToken);
        logger.LogInformation("Sent the weekly report of team {TeamId} for {Week} to {Count} recipients", subscription.TeamId, week.ToString(), message.To.Count);
        await audit.RecordAsync(subscription.TeamId, AuditActor.System, AuditActions.ReportEmailed,
            $"E-mailed the weekly report for {week} to {string.Join(", ", subscription.RecipientList)}",
            new { firstDay = week.FirstDay, lastDay = week.LastDay, recipients = subscription.RecipientList }, cancellationToken);
    }

    /// <summary>The summary in plain text, from the same catalog the page and the workbook use.</summary>
    public static string Body(string teamName, ReportRollupResult report)
    {
        var text = new StringBuilder();
        text.AppendLine($"{teamName}: {report.Period} ({report.Period.TimeZone}), compared with {report.Period.Previous}.");
        text.AppendLine();
        foreach (var metric in ReportMetricCatalog.All)
        {
            var now = metric.Number(report.Current);
            var before = metric.Number(report.Previous);
            text.AppendLine($"{metric.Label}: {ReportMetricCatalog.Display(metric.Format, now)} (previous {ReportMetricCatalog.Display(metric.Format, before)})");
        }
        text.AppendLine();
        text.AppendLine("The attached workbook has the breakdowns by sending number, state, sector, revenue tier and agent.");
        return text.ToString();
    }

    private async Task<bool> ClaimAsync(Guid teamId, DateOnly week, CancellationToken cancellationToken)
    {
        await using var db = systemContexts.CreateDbContext();
        return await db.Set<WeeklyReportSubscription>()
            .Where(s => s.TeamId == teamId && s.Enabled && (s.LastSentWeek == null || s.LastSentWeek < week))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSentWeek, week).SetProperty(s => s.UpdatedAt, clock.GetUtcNow()), cancellationToken) == 1;
    }

    private async Task ReleaseAsync(Guid teamId, DateOnly week, DateOnly? previous, CancellationToken cancellationToken)
    {
        await using var db = systemContexts.CreateDbContext();
        await db.Set<WeeklyReportSubscription>()
            .Where(s => s.TeamId == teamId && s.LastSentWeek == week)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSentWeek, previous), cancellationToken);
    }
}
