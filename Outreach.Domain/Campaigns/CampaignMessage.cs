using Outreach.Domain.Messaging;

namespace Outreach.Domain.Campaigns;

/// <summary>Renders a campaign step for one prospect: the template's {{variables}} are the prospect's fields (see ProspectVariables).</summary>
public static class CampaignMessage
{
    public static string Render(string template, ProspectFields prospect) =>
        MessageTemplate.Render(template, Prospects.ProspectVariables.For(prospect)).Trim();
}

/// <summary>The prospect fields a template can use.</summary>
public sealed record ProspectFields(string? FirstName, string? LastName, string? FullName, string? Company, string? Title, string? City, string? State);
