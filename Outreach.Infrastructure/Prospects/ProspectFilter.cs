using Outreach.Domain.Prospects;

namespace Outreach.Infrastructure.Prospects;

/// <summary>What the prospect grid shows: every filter is optional, and "all matching" bulk actions use the same filter.</summary>
public sealed record ProspectFilter
{
    public string? Search { get; init; }
    public IReadOnlyList<ProspectStatus> Statuses { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> States { get; init; } = [];
    public IReadOnlyList<string> Sectors { get; init; } = [];
    public IReadOnlyList<RevenueTier> RevenueTiers { get; init; } = [];
    public int? MinScore { get; init; }
    public int? MaxScore { get; init; }
    public Guid? ImportId { get; init; }
    public bool? HasPhone { get; init; }
    public bool? HasEmail { get; init; }
    public bool? DoNotContact { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }

    public static ProspectFilter All { get; } = new();
}

public enum ProspectSort
{
    Newest,
    Oldest,
    ScoreHigh,
    ScoreLow,
    Name,
    Company,
}
