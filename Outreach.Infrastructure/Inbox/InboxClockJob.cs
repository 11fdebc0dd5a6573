using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Infrastructure.Events;
using Quartz;

namespace Outreach.Infrastructure.Inbox;

/// <summary>
/// The inbox's clock, run on one node of the cluster at a time: snoozed conversations whose time has come
/// return to the open tabs (and every open inbox of their team hears of it), and presence rows left by
/// dead nodes are swept.
/// </summary>
[DisallowConcurrentExecution]
public sealed class InboxClockJob(NpgsqlDataSource ownerDatabase, ILiveEventPublisher events, TimeProvider clock, ILogger<InboxClockJob> logger) : IJob
{
    public static readonly JobKey Key = new("inbox-clock", "inbox");
    public static readonly TriggerKey TriggerKey = new("inbox-clock", "inbox");
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var returned = await InboxActions.ReturnSnoozedAsync(ownerDatabase, now, cancellationToken);
        foreach (var team in returned.GroupBy(r => r.TeamId))
        {
            await InboxActions.PublishChangedAsync(events, team.Key, team.Select(r => r.ConversationId).ToList(), "returned", null, now, cancellationToken);
        }
        if (returned.Count > 0)
        {
            logger.LogInformation("{Count} snoozed conversations returned to the inbox", returned.Count);
        }
        await ConversationPresence.SweepAsync(ownerDatabase, now, cancellationToken);
    }
}
