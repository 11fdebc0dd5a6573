namespace Outreach.Domain.Common;

/// <summary>A row that belongs to one team; the query filter and row-level security scope it.</summary>
public interface ITeamOwned
{
    Guid TeamId { get; }
}
