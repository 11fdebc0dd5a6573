namespace Outreach.Domain.Prospects;

public enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,

    /// <summary>Uploaded but never started: nobody chose the columns in time, and the file was deleted.</summary>
    Expired,
}
