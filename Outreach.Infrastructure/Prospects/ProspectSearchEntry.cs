using Outreach.Domain.Common;

namespace Outreach.Infrastructure.Prospects;

/// <summary>
/// A prospect's searchable text, in a table of its own so that its trigram index is kept up to date off
/// the import's critical path (see the ProspectSearchTable migration). Written only by the database:
/// a trigger for single prospects, <c>app_index_prospect_search</c> after an import commits.
/// </summary>
public sealed class ProspectSearchEntry : ITeamOwned
{
    private ProspectSearchEntry()
    {
    }

    public Guid ProspectId { get; private set; }
    public Guid TeamId { get; private set; }
    public string SearchText { get; private set; } = string.Empty;
}
