namespace Outreach.Infrastructure.Security;

/// <summary>One ASP.NET Core Data Protection key, shared by every node so cookies and antiforgery tokens work on all.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = string.Empty;
    public string Xml { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}
