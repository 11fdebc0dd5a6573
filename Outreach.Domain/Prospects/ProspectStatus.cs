namespace Outreach.Domain.Prospects;

/// <summary>Where a prospect is in the pipeline; stored as text.</summary>
public enum ProspectStatus
{
    New,
    Contacted,
    Replied,
    Interested,
    Qualified,
    NotInterested,
    Closed,
}
