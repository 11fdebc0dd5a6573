namespace Outreach.Domain.Campaigns;

/// <summary>
/// One message of the sequence. <see cref="DelayHours"/> counts from the previous step's send (the first
/// step's is ignored: it goes at the start). <see cref="VariantB"/> is an optional A/B alternative; each
/// enrollment is given one variant for the whole sequence.
/// </summary>
public sealed record CampaignStep(int DelayHours, string Template, string? VariantB = null)
{
    public string TemplateFor(char variant) => variant == 'B' && !string.IsNullOrWhiteSpace(VariantB) ? VariantB : Template;
}
