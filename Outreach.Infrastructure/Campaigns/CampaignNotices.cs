using Outreach.Domain.Auditing;
using Outreach.Infrastructure.Auditing;
using Outreach.Infrastructure.Events;

namespace Outreach.Infrastructure.Campaigns;

/// <summary>Campaign changes told to people: the audit log (who and why) and a live event after commit.</summary>
internal static class CampaignNotices
{
    public static async Task AutoPausedAsync(IAuditLog audit, ILiveEventPublisher events, TimeProvider clock,
        Guid teamId, Guid campaignId, string name, string reason, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(teamId, AuditActor.System, CampaignAuditActions.AutoPaused, $"Paused campaign \"{name}\" automatically: {reason}",
            new { campaignId, reason }, cancellationToken);
        await events.PublishAsync(new LiveEvent(teamId, LiveEventKinds.CampaignChanged, new Dictionary<string, string?>
        {
            ["campaignId"] = campaignId.ToString(),
            ["state"] = "Paused",
            ["automatic"] = "true",
            ["reason"] = reason,
            ["name"] = name,
        }, clock.GetUtcNow()), cancellationToken);
    }
}

/// <summary>Audit actions of campaigns and kill switches (kept beside the feature to keep merges small).</summary>
public static class CampaignAuditActions
{
    public const string Created = "campaign.created";
    public const string Edited = "campaign.edited";
    public const string StateChanged = "campaign.state_changed";
    public const string AutoPaused = "campaign.auto_paused";
    public const string Approved = "campaign.first_contact_approved";
    public const string KillSwitchEngaged = "sending.kill_switch_engaged";
    public const string KillSwitchReleased = "sending.kill_switch_released";
    public const string LimitsChanged = "sending.limits_changed";
}
