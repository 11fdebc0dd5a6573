namespace Outreach.Infrastructure.Tenancy;

/// <summary>A row that belongs to one team; the query filter and row-level security scope it.</summary>
public interface ITeamOwned
{
    Guid TeamId { get; }
}
