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

    /// <summary>
    /// The last <paramref name="days"/> days up to and including today in the zone: the period ends at the end of
    /// today, so what arrived this morning is in it (on a team's first day there is nothing before today to show).
    /// </summary>
    public static ReportPeriod LastDays(int days, string timeZone, TimeProvider clock)
    {
        var today = Today(timeZone, clock);
        return new ReportPeriod(today.AddDays(1 - days), today, timeZone);
    }

    /// <summary>From the first of the month that contains today to the end of today, in the zone.</summary>
    public static ReportPeriod ThisMonth(string timeZone, TimeProvider clock)
    {
        var today = Today(timeZone, clock);
        return new ReportPeriod(new DateOnly(today.Year, today.Month, 1), today, timeZone);
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

    /// <summary>
    /// The period an address asks for: a preset's key (<c>?preset=last7</c>) or both days (<c>?from=2026-12-01&amp;to=2026-12-07</c>);
    /// neither is <see cref="ReportPreset.Default"/>. Anything else is refused with a message that says what is wrong,
    /// never replaced by a default the reader did not ask for.
    /// </summary>
    public static ReportPeriod FromAddress(string? preset, string? from, string? to, string timeZone, TimeProvider clock)
    {
        var hasDays = !string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(to);
        if (!string.IsNullOrEmpty(preset))
        {
            if (hasDays)
            {
                throw new DomainException("Give either a preset or the first and last days (from and to), not both.");
            }
            return (ReportPreset.Find(preset) ?? throw new DomainException(
                $"'{preset}' is not a report preset: use one of {string.Join(", ", ReportPreset.All.Select(p => p.Key))}.")).PeriodFor(timeZone, clock);
        }
        if (!hasDays)
        {
            return ReportPreset.Default.PeriodFor(timeZone, clock);
        }
        return new ReportPeriod(ParseDay(from, "first day (from)"), ParseDay(to, "last day (to)"), timeZone);
    }

    public override string ToString() => $"{FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}";

    private static DateOnly ParseDay(string? text, string which)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainException($"The {which} is missing: give both days as YYYY-MM-DD.");
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            throw new DomainException($"'{text}' is an invalid date for the {which}: write it as YYYY-MM-DD, e.g. 2026-12-01.");
        }
        return day;
    }

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
