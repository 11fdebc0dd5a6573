namespace Outreach.Domain.Teams;

/// <summary>
/// A service method that changes nothing, so any member of the scope's team may call it (tenancy still
/// limits what it sees). Every public service method carries this or <see cref="RequiresAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ReadOnlyAttribute : Attribute;
