using Outreach.Domain.Common;

namespace Outreach.Domain.Prospects;

/// <summary>One entry of a prospect's timeline: an import, an edit, a message, a classification, a bucket move.</summary>
public sealed class ProspectActivity : ITeamOwned
{
    public const int MaxSummaryLength = 500;

    private ProspectActivity()
    {
        Kind = string.Empty;
        Summary = string.Empty;
    }

    public long Id { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid ProspectId { get; private set; }

    /// <summary>A <see cref="ProspectActivityKinds"/> value.</summary>
    public string Kind { get; private set; }

    public string Summary { get; private set; }
    public string? ActorName { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }

    public static ProspectActivity Record(Guid teamId, Guid prospectId, string kind, string summary, string? actorName, TimeProvider clock) => new()
    {
        TeamId = teamId,
        ProspectId = prospectId,
        Kind = kind,
        Summary = summary.Length <= MaxSummaryLength ? summary : summary[..MaxSummaryLength],
        ActorName = actorName,
        OccurredAt = clock.GetUtcNow(),
    };
}
