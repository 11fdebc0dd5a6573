using System.Globalization;

namespace Outreach.Console.Features.Shared;

/// <summary>
/// Moments as the team reads them: in the team's time zone, 24-hour, the same on every page (inbox, tasks,
/// history). The team works to its own clock, so a time shown in UTC or in the browser's zone next to one in
/// the team's reads as a contradiction. Relative forms ("5 min ago") are <see cref="RelativeTime"/>'s.
/// </summary>
public static class TeamTime
{
    /// <summary>A day and a time: "Mon Dec 7, 18:01".</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd MMM d, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Only the time on the team's today ("18:01"), else as <see cref="Format"/>: for lists and chips.</summary>
    public static string Short(DateTimeOffset at, DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.Date == TimeZoneInfo.ConvertTime(now, zone).Date
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : Format(at, zone);
    }

    /// <summary>Unambiguous, with the zone, for tooltips: "2026-12-07 18:01 America/Chicago".</summary>
    public static string Full(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + zone.Id;
}
