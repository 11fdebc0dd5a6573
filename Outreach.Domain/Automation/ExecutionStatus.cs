namespace Outreach.Domain.Automation;

/// <summary>Where a rule's execution stands; stored as text.</summary>
public enum ExecutionStatus
{
    Pending,
    Running,
    Completed,
    Skipped,
    Failed,
}
