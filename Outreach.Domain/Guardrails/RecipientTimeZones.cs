namespace Outreach.Domain.Guardrails;

/// <summary>Time zones for quiet-hour arithmetic, looked up by IANA id (tzdata on Linux, ICU-mapped on Windows).</summary>
public static class RecipientTimeZones
{
    /// <summary>
    /// Eastern, Central, Mountain and Pacific. A recipient whose zone is unknown may be in any of them, so a send
    /// is allowed only when it is inside the window in all four. Arizona's year-round MST always equals Mountain
    /// or Pacific time, so it needs no entry of its own.
    /// </summary>
    public static IReadOnlyList<TimeZoneInfo> ContinentalUs { get; } =
    [
        TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
        TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"),
        TimeZoneInfo.FindSystemTimeZoneById("America/Denver"),
        TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"),
    ];

    /// <summary>The zone for an IANA id, or null when the id is missing or not a zone this system knows.</summary>
    public static TimeZoneInfo? Find(string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId.Trim(), out var zone)
            ? zone
            : null;
}
