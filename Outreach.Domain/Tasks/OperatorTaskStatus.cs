namespace Outreach.Domain.Tasks;

/// <summary>Whether a task still needs doing; stored as text. A snoozed task is open with a later snooze time.</summary>
public enum OperatorTaskStatus
{
    Open,
    Done,
}
