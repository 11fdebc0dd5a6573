namespace Outreach.Domain.Prospects;

public enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}
