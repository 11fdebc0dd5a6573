using Outreach.Domain.Common;

namespace Outreach.Domain.Inbox;

/// <summary>When a snoozed conversation comes back; the presets are in the operator's own time zone.</summary>
public static class Snooze
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(90);

    public static DateTimeOffset Validate(DateTimeOffset until, DateTimeOffset now)
    {
        if (until <= now)
        {
            throw new DomainException("Snooze until a moment in the future.");
        }
        if (until - now > Longest)
        {
            throw new DomainException("Snooze for at most 90 days; mark it done instead.");
        }
        return until;
    }

    public static IReadOnlyList<SnoozePreset> Presets(DateTimeOffset now, TimeZoneInfo operatorZone)
    {
        var local = TimeZoneInfo.ConvertTime(now, operatorZone);
        var tomorrowMorning = At(local.Date.AddDays(1), 9, operatorZone);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)local.DayOfWeek + 7) % 7;
        var nextMonday = At(local.Date.AddDays(daysToMonday == 0 ? 7 : daysToMonday), 9, operatorZone);
        return
        [
            new SnoozePreset("1 hour", now.AddHours(1)),
            new SnoozePreset("3 hours", now.AddHours(3)),
            new SnoozePreset("Tomorrow 9:00", tomorrowMorning),
            new SnoozePreset("Next Monday 9:00", nextMonday),
        ];
    }

    private static DateTimeOffset At(DateTime localDate, int hour, TimeZoneInfo zone)
    {
        var wall = localDate.Date.AddHours(hour);
        // 09:00 never falls in a DST gap in the zones we serve, but be safe: step forward until it exists.
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(30);
        }
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }
}

public sealed record SnoozePreset(string Label, DateTimeOffset Until);
