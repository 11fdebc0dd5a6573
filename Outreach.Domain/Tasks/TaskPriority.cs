namespace Outreach.Domain.Tasks;

/// <summary>How urgent a task is; stored as text.</summary>
public enum TaskPriority
{
    Normal,
    High,
}
