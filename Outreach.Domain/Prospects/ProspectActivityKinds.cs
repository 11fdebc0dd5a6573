namespace Outreach.Domain.Prospects;

public static class ProspectActivityKinds
{
    public const string Imported = "imported";
    public const string UpdatedByImport = "import.updated";
    public const string Created = "created";
    public const string Edited = "edited";
    public const string Tagged = "tagged";
    public const string StatusChanged = "status";
    public const string DoNotContact = "dnc";
    public const string Deleted = "deleted";
    public const string MessageSent = "message.sent";
    public const string MessageReceived = "message.received";
    public const string Classified = "classified";
    public const string BucketMoved = "bucket";
    public const string Automation = "automation";
}
