namespace Outreach.Domain.Prospects;

/// <summary>Either a prospect to import or the reason the row is reported instead.</summary>
public readonly record struct ProspectRowResult(NormalizedProspect? Prospect, string? Rejection)
{
    public bool IsRejected => Rejection is not null;
}
