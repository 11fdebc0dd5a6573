namespace Outreach.Domain.Campaigns;

/// <summary>A campaign's state in the words the pages use.</summary>
public static class CampaignStates
{
    public static string Label(this CampaignState state) => state switch
    {
        CampaignState.Draft => "Draft",
        CampaignState.Scheduled => "Scheduled",
        CampaignState.Running => "Running",
        CampaignState.Paused => "Paused",
        CampaignState.Completed => "Completed",
        CampaignState.Cancelled => "Cancelled",
        _ => state.ToString(),
    };

    /// <summary>The button that moves a campaign from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static string Verb(CampaignState from, CampaignState to) => to switch
    {
        CampaignState.Running when from == CampaignState.Paused => "Resume",
        CampaignState.Running => "Start",
        CampaignState.Scheduled => "Schedule",
        CampaignState.Draft => "Back to draft",
        CampaignState.Paused => "Pause",
        CampaignState.Cancelled => "Cancel",
        CampaignState.Completed => "Complete",
        _ => to.Label(),
    };
}
