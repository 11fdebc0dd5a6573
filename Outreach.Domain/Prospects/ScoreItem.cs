namespace Outreach.Domain.Prospects;

/// <summary>One line of a lead score's breakdown, shown to agents so a score is never a mystery.</summary>
public sealed record ScoreItem(string Reason, int Points);
