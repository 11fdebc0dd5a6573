namespace Outreach.Domain.Teams;

/// <summary>
/// The permission a service method demands of its caller before it does anything. The authorization test
/// holds every attributed method to the <see cref="Permissions"/> table.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RequiresAttribute(Permission permission) : Attribute
{
    public Permission Permission { get; } = permission;
}
