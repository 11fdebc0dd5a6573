namespace Outreach.Domain.Campaigns;

/// <summary>How the audience is chosen; stored as text.</summary>
public enum AudienceKind
{
    /// <summary>A prospect filter, as on the Prospects page (serialised by the infrastructure).</summary>
    Filter,
    Tags,
    ImportBatch,
    Selection,
}

/// <summary>
/// Who a campaign is for. Only one of the parts applies, chosen by <see cref="Kind"/>. Do-not-contact
/// prospects are never enrolled, whatever the audience says.
/// </summary>
public sealed record CampaignAudience(
    AudienceKind Kind,
    string? FilterJson = null,
    IReadOnlyList<string>? Tags = null,
    Guid? ImportId = null,
    IReadOnlyList<Guid>? ProspectIds = null);
