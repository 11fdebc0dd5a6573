using Outreach.Domain.Common;

namespace Outreach.Domain.Prospects;

/// <summary>A row an import did not take, with the row number the operator sees in a spreadsheet (header = row 1).</summary>
public sealed class ImportRejection : ITeamOwned
{
    private ImportRejection()
    {
        Reason = string.Empty;
        Raw = string.Empty;
    }

    public long Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid ImportId { get; private set; }
    public int RowNumber { get; private set; }
    public string Reason { get; private set; }

    /// <summary>The row as it was in the file (cells joined by the file's delimiter), capped in length.</summary>
    public string Raw { get; private set; }

    /// <summary>The row's cells as they were, capped in length; null for rows rejected before cells were kept.</summary>
    public string[]? Cells { get; private set; }
}
