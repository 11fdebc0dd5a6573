namespace Outreach.Domain.Campaigns;

/// <summary>Where a campaign is in its life; stored as text.</summary>
public enum CampaignState
{
    Draft,
    Scheduled,
    Running,
    Paused,
    Completed,
    Cancelled,
}
