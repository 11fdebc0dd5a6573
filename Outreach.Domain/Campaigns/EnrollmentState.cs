namespace Outreach.Domain.Campaigns;

/// <summary>One prospect's place in one campaign; stored as text.</summary>
public enum EnrollmentState
{
    /// <summary>Enrolled, nothing sent yet (perhaps waiting for first-contact approval).</summary>
    Pending,

    /// <summary>At least one step sent; more may follow.</summary>
    Active,
    Replied,
    Completed,
    OptedOut,
    Failed,
    Skipped,
}
