namespace Outreach.Domain.Campaigns;

/// <summary>The channel a campaign sends on. Only SMS sends today; e-mail is the seam kept open.</summary>
public enum CampaignChannel
{
    Sms,
    Email,
}
