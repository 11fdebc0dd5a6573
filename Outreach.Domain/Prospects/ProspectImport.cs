using Outreach.Domain.Common;

namespace Outreach.Domain.Prospects;

/// <summary>
/// One CSV import: an upload that waits for its column mapping, then runs once, all or nothing. The counts
/// are what the operator sees afterwards; the rejected rows themselves are <see cref="ImportRejection"/>s.
/// </summary>
public sealed class ProspectImport : ITeamOwned
{
    public const int MaxFileNameLength = 260;

    private ProspectImport()
    {
        FileName = string.Empty;
        CreatedByName = string.Empty;
        Mapping = "[]";
        Headers = "[]";
        Encoding = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public string FileName { get; private set; }
    public long FileSize { get; private set; }
    public string Encoding { get; private set; }
    public char Delimiter { get; private set; }

    /// <summary>The file's header row (JSON array of strings).</summary>
    public string Headers { get; private set; }

    /// <summary>Per column, the prospect field it feeds or null for a custom field (JSON array).</summary>
    public string Mapping { get; private set; }

    public DuplicatePolicy Policy { get; private set; }

    /// <summary>
    /// A tag put on every prospect the import creates or updates (normalised as any tag), so a campaign can
    /// target the list without a bulk-tag detour; null for none.
    /// </summary>
    public string? Tag { get; private set; }
    public ImportStatus Status { get; private set; }
    public Guid CreatedBy { get; private set; }
    public string CreatedByName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The node that runs the import: the upload lives on its disk.</summary>
    public string? Node { get; private set; }

    public bool CancelRequested { get; private set; }

    public int TotalRows { get; private set; }
    public int ProcessedRows { get; private set; }

    /// <summary>0 to 100, persisted every second so that a reloaded page picks up where the live events left off.</summary>
    public int ProgressPercent { get; private set; }
    public int Inserted { get; private set; }
    public int Updated { get; private set; }
    public int Duplicates { get; private set; }
    public int Invalid { get; private set; }
    public int Suppressed { get; private set; }
    public string? Error { get; private set; }

    public TimeSpan? Duration => StartedAt is { } start && FinishedAt is { } end ? end - start : null;

    public bool IsFinished => Status is ImportStatus.Completed or ImportStatus.Failed or ImportStatus.Cancelled or ImportStatus.Expired;

    public static ProspectImport Upload(
        Guid id, Guid teamId, string fileName, long fileSize, string encoding, char delimiter, string headersJson,
        string mappingJson, Guid userId, string userName, string node, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var name = Path.GetFileName(fileName ?? string.Empty).Trim();
        return new ProspectImport
        {
            Id = id,
            TeamId = teamId,
            FileName = name.Length == 0 ? "upload.csv" : name.Length > MaxFileNameLength ? name[..MaxFileNameLength] : name,
            FileSize = fileSize,
            Encoding = encoding,
            Delimiter = delimiter,
            Headers = headersJson,
            Mapping = mappingJson,
            Policy = DuplicatePolicy.Skip,
            Status = ImportStatus.Queued,
            CreatedBy = userId,
            CreatedByName = userName,
            CreatedAt = now,
            Node = node,
        };
    }

    public void Start(string mappingJson, DuplicatePolicy policy, TimeProvider clock) => Start(mappingJson, policy, null, clock);

    public void Start(string mappingJson, DuplicatePolicy policy, string? tag, TimeProvider clock)
    {
        if (Status != ImportStatus.Queued || StartedAt is not null)
        {
            throw new DomainException($"This import is {Status.ToString().ToLowerInvariant()} and cannot start again.");
        }
        Mapping = mappingJson;
        Policy = policy;
        Tag = string.IsNullOrWhiteSpace(tag) ? null : Prospect.NormalizeTag(tag);
        Status = ImportStatus.Running;
        StartedAt = clock.GetUtcNow();
    }

    public void RequestCancel()
    {
        if (IsFinished)
        {
            throw new DomainException("This import has already finished.");
        }
        CancelRequested = true;
    }
}
