namespace Outreach.Console.Features.Reports;

/// <summary>
/// The period an operator chose on the reports page: a preset (its key, and the days it means on the team's clock
/// now) or two days of their own (<see cref="PresetKey"/> null).
/// </summary>
public sealed record ReportChoice(string? PresetKey, DateOnly FirstDay, DateOnly LastDay);
