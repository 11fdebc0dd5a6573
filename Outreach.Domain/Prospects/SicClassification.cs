namespace Outreach.Domain.Prospects;

/// <summary>
/// A Standard Industrial Classification code with its division (<paramref name="Sector"/>) and
/// two-digit major group (<paramref name="SubSector"/>).
/// </summary>
public sealed record SicClassification(string Code, string Sector, string SubSector);
