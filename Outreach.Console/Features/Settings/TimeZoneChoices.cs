namespace Outreach.Console.Features.Settings;

/// <summary>The zones a team can work in: IANA names ("America/Chicago"), searchable as the operator types.</summary>
public static class TimeZoneChoices
{
    public static IReadOnlyList<string> All { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>For an autocomplete: "chicago" finds America/Chicago, "new y" finds America/New_York.</summary>
    public static Task<IEnumerable<string>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        var words = (text ?? "").Replace('_', ' ').Trim();
        return Task.FromResult<IEnumerable<string>>(words.Length == 0
            ? All
            : All.Where(z => z.Replace('_', ' ').Contains(words, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>What the time is there now, 24-hour, to confirm the choice: "14:05 now".</summary>
    public static string Now(string? zone, DateTimeOffset now) =>
        zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found)
            ? $"It is {TimeZoneInfo.ConvertTime(now, found):HH:mm} there now."
            : "Pick a zone from the list.";
}
