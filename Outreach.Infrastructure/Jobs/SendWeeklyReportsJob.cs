using Microsoft.Extensions.Logging;
using Outreach.Infrastructure.Reports;
using Quartz;

namespace Outreach.Infrastructure.Jobs;

/// <summary>
/// Checks for teams whose weekly report is due and e-mails it. Clustered: each firing runs on one node, and the
/// per-team claim in <see cref="WeeklyReportSender"/> keeps a week from going out twice even if firings overlap.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SendWeeklyReportsJob(WeeklyReportSender sender, ILogger<SendWeeklyReportsJob> logger) : IJob
{
    public static readonly JobKey Key = new("send-weekly-reports", "reports");
    public static readonly TriggerKey TriggerKey = new("send-weekly-reports", "reports");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var sent = await sender.SendDueAsync(cancellationToken);
        if (sent > 0)
        {
            logger.LogInformation("Weekly reports: {Sent} e-mailed", sent);
        }
    }
}
