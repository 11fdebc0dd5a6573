using System.Globalization;

namespace Outreach.Domain.Campaigns;

/// <summary>
/// A wall-clock time the team typed (in the team's zone), as the instant it means. Two days a year the wall clock
/// is not a function of the instant: when clocks go forward an hour does not exist, and when they go back an hour
/// happens twice. A time that does not exist is refused with a message rather than moved, because moving it would
/// start a campaign at a time nobody chose; a time that happens twice means its first occurrence (the earlier
/// instant), which is what "at 01:30" reads as on that night.
/// </summary>
public static class TeamLocalTime
{
    /// <summary>The UTC instant of <paramref name="local"/> on the team's clock, or why there is none.</summary>
    public static LocalTimeResolution ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            return new LocalTimeResolution(null, string.Create(CultureInfo.InvariantCulture,
                $"{wall:yyyy-MM-dd HH:mm} does not exist in {zone.Id}: the clocks go forward that night. Choose another time."));
        }
        // The largest offset is the one in force before the clocks go back, so it gives the first occurrence.
        var offset = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).Max() : zone.GetUtcOffset(wall);
        return new LocalTimeResolution(new DateTimeOffset(wall, offset).ToUniversalTime(), null);
    }

    /// <summary>The team's wall-clock time of an instant (for showing a stored start or end back in the form).</summary>
    public static DateTime FromUtc(DateTimeOffset utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(utc, zone).DateTime, DateTimeKind.Unspecified);
    }
}

/// <summary>The instant a wall-clock time means (<see cref="Utc"/>), or why it means none (<see cref="Problem"/>).</summary>
public sealed record LocalTimeResolution(DateTimeOffset? Utc, string? Problem);
