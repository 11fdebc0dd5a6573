using Outreach.Domain.Common;

namespace Outreach.Domain.Campaigns;

/// <summary>
/// One prospect in one campaign: the next step to send and when it is due. The engine claims due rows with
/// SKIP LOCKED and moves them forward in bulk; this class is the read model and what tests create.
/// </summary>
public sealed class CampaignEnrollment : ITeamOwned
{
    private CampaignEnrollment()
    {
    }

    public long Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid ProspectId { get; private set; }

    /// <summary>The index of the next step to send (0 = the first message).</summary>
    public int Step { get; private set; }
    public EnrollmentState State { get; private set; }
    public DateTimeOffset? NextDueAt { get; private set; }
    public string? LastSkipReason { get; private set; }
    public char Variant { get; private set; }
    public Guid? LastMessageId { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public DateTimeOffset EnrolledAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
}
