using Outreach.Domain.Messaging;

namespace Outreach.Domain.Campaigns;

/// <summary>Renders a campaign step for one prospect: the template's {{variables}} are the prospect's fields.</summary>
public static class CampaignMessage
{
    public static string Render(string template, ProspectFields prospect)
    {
        var variables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["first_name"] = prospect.FirstName,
            ["last_name"] = prospect.LastName,
            ["full_name"] = prospect.FullName,
            ["company"] = prospect.Company,
            ["title"] = prospect.Title,
            ["city"] = prospect.City,
            ["state"] = prospect.State,
        };
        return MessageTemplate.Render(template, variables).Trim();
    }
}

/// <summary>The prospect fields a template can use.</summary>
public sealed record ProspectFields(string? FirstName, string? LastName, string? FullName, string? Company, string? Title, string? City, string? State);
