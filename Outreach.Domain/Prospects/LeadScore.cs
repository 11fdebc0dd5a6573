namespace Outreach.Domain.Prospects;

public sealed record LeadScore(int Total, IReadOnlyList<ScoreItem> Items);
