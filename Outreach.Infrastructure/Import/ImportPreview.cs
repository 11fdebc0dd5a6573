using Outreach.Domain.Prospects;

namespace Outreach.Infrastructure.Import;

/// <summary>What the operator checks before importing: the first rows as the file has them, and the proposed mapping.</summary>
public sealed record ImportPreview(
    Guid ImportId,
    string FileName,
    long FileSize,
    CsvFormat Format,
    IReadOnlyList<string> Headers,
    IReadOnlyList<string[]> Rows,
    ImportMapping Mapping,
    IReadOnlyList<NormalizedPreviewRow> Normalized);

/// <summary>How a preview row comes out of the normaliser under the current mapping: what would be imported, or why not.</summary>
public sealed record NormalizedPreviewRow(int RowNumber, NormalizedProspect? Prospect, string? Rejection);
