namespace Outreach.Domain.Prospects;

/// <summary>Company size by annual revenue; see <see cref="RevenueTiers.For"/> for the bands.</summary>
public enum RevenueTier
{
    Startup,
    MainStreet,
    Growth,
    Established,
    Enterprise,
}
