using Outreach.Domain.Common;

namespace Outreach.Domain.Reports;

/// <summary>
/// Whole days, both ends included, in the team's time zone: a manager asking for "1 to 7 March" means their
/// days, not UTC's. The previous period is the same number of days immediately before.
/// </summary>
public sealed record ReportPeriod
{
    public const int MaxDays = 366;

    public ReportPeriod(DateOnly firstDay, DateOnly lastDay, string timeZone)
    {
        if (lastDay < firstDay)
        {
            throw new DomainException("The report's last day is before its first day.");
        }
        if (lastDay.DayNumber - firstDay.DayNumber + 1 > MaxDays)
        {
            throw new DomainException($"A report covers at most {MaxDays} days.");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            throw new DomainException($"'{timeZone}' is not a known time zone.");
        }
        FirstDay = firstDay;
        LastDay = lastDay;
        TimeZone = timeZone;
        Zone = zone;
    }

    public DateOnly FirstDay { get; }
    public DateOnly LastDay { get; }
    public string TimeZone { get; }
    private TimeZoneInfo Zone { get; }

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    /// <summary>The first instant of the period.</summary>
    public DateTimeOffset Start => StartOf(FirstDay);

    /// <summary>The first instant after the period (exclusive end).</summary>
    public DateTimeOffset End => StartOf(LastDay.AddDays(1));

    public ReportPeriod Previous => new(FirstDay.AddDays(-Days), FirstDay.AddDays(-1), TimeZone);

    public IEnumerable<DateOnly> EachDay()
    {
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>The last <paramref name="days"/> whole days before today in the zone (today is not over yet).</summary>
    public static ReportPeriod LastDays(int days, string timeZone, TimeProvider clock)
    {
        var today = Today(timeZone, clock);
        return new ReportPeriod(today.AddDays(-days), today.AddDays(-1), timeZone);
    }

    /// <summary>Monday to Sunday of the week before the one that contains now.</summary>
    public static ReportPeriod PreviousWeek(string timeZone, TimeProvider clock)
    {
        var today = Today(timeZone, clock);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return new ReportPeriod(monday.AddDays(-7), monday.AddDays(-1), timeZone);
    }

    public static DateOnly Today(string timeZone, TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);

    public override string ToString() => $"{FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}";

    private DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a daylight-saving change starts the day an hour later.
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
