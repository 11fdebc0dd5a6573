using System.Globalization;
using Outreach.Infrastructure.Calendar;

namespace Outreach.Console.Features.Calendar;

/// <summary>
/// The calendar's grid as the page draws it: seven days of 24 hours of the team's clock, each hour's count, how
/// hot it is against the week's busiest hour, and what marks it (today, the current hour, past, held, a campaign
/// start). Built from a <see cref="CalendarGrid"/>, so the page only renders.
/// </summary>
public sealed class CalendarWeek
{
    private readonly Dictionary<DateTime, CalendarBucket> _buckets;

    public CalendarWeek(CalendarGrid grid)
    {
        Grid = grid;
        _buckets = grid.Buckets.ToDictionary(b => b.Hour);
        Days = Enumerable.Range(0, grid.Days).Select(d => grid.From.AddDays(d)).ToList();
    }

    public CalendarGrid Grid { get; }

    public IReadOnlyList<DateOnly> Days { get; }

    public DateOnly Today => Grid.Clock.Today;

    /// <summary>"7 Dec – 13 Dec 2026".</summary>
    public string Label => Days.Count == 0 ? "" :
        $"{Days[0].ToString("d MMM", CultureInfo.InvariantCulture)} – {Days[^1].ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>The first day of the week before or after: weeks move by seven days from the one shown.</summary>
    public static DateOnly Move(DateOnly from, int weeks) => from.AddDays(7 * weeks);

    public static string DayHeading(DateOnly day) => day.ToString("ddd d", CultureInfo.InvariantCulture);

    public static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public long DayTotal(DateOnly day) => Grid.Buckets.Where(b => DateOnly.FromDateTime(b.Hour) == day).Sum(b => b.Total);

    public CalendarBucket? Bucket(DateOnly day, int hour) => _buckets.GetValueOrDefault(day.ToDateTime(new TimeOnly(hour, 0)));

    /// <summary>The hour's CSS classes: today's column, the current hour, hours gone by, held sends, a campaign starting, the open hour.</summary>
    public string CellClass(DateOnly day, int hour, DateTime? openHour)
    {
        var at = day.ToDateTime(new TimeOnly(hour, 0));
        var bucket = _buckets.GetValueOrDefault(at);
        var classes = new List<string> { "oc-cal-cell" };
        if (day == Today)
        {
            classes.Add("oc-cal-today");
        }
        if (at == Grid.Clock.CurrentHour)
        {
            classes.Add("oc-cal-now");
        }
        else if (at < Grid.Clock.CurrentHour)
        {
            classes.Add("oc-cal-past");
        }
        if (bucket is { Held: > 0 })
        {
            classes.Add("oc-cal-held");
        }
        if (bucket is { CampaignStarts: > 0 })
        {
            classes.Add("oc-cal-start");
        }
        if (openHour == at)
        {
            classes.Add("oc-cal-selected");
        }
        return string.Join(' ', classes);
    }

    /// <summary>How busy an hour is against the busiest of the week, from 0 (nothing) to 1.</summary>
    public double Share(long count) => count <= 0 ? 0 : count / (double)Math.Max(1, Grid.Max);

    /// <summary>
    /// The hour's background: the theme's primary colour, stronger the busier the hour, so the heat reads in light and
    /// dark mode alike; past half the strongest, the text switches to the colour meant for text on primary.
    /// </summary>
    public string Heat(long count)
    {
        if (count <= 0)
        {
            return "";
        }
        var share = Share(count);
        var percent = Math.Round(12 + 78 * share);
        return string.Create(CultureInfo.InvariantCulture,
            $"background: color-mix(in srgb, var(--mud-palette-primary) {percent}%, transparent);{(share > 0.55 ? " color: var(--mud-palette-primary-text);" : "")}");
    }

    /// <summary>What an hour holds, in words, for its tooltip and screen readers.</summary>
    public static string Describe(CalendarBucket bucket)
    {
        var parts = new List<string>();
        void Add(long count, string one, string many)
        {
            if (count > 0)
            {
                parts.Add($"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}");
            }
        }
        Add(bucket.CampaignSends, "campaign send", "campaign sends");
        Add(bucket.HeldCampaignSends, "held send (campaign paused or sending stopped)", "held sends (campaign paused or sending stopped)");
        Add(bucket.CampaignStarts, "campaign start", "campaign starts");
        Add(bucket.FollowUps, "follow-up", "follow-ups");
        Add(bucket.HeldFollowUps, "follow-up of a paused rule", "follow-ups of paused rules");
        return string.Join(", ", parts);
    }

    /// <summary>A count that fits a cell: "9,999", then "12.3k".</summary>
    public static string Compact(long count) => count < 10_000
        ? count.ToString("N0", CultureInfo.InvariantCulture)
        : (count / 1000d).ToString("0.#", CultureInfo.InvariantCulture) + "k";

    /// <summary>The local time of an instant on the team's clock, 24-hour.</summary>
    public string Time(DateTimeOffset at) => Grid.Clock.ToLocal(at).ToString("HH:mm", CultureInfo.InvariantCulture);

    public string TimeRange(DateTimeOffset first, DateTimeOffset last) =>
        Time(first) == Time(last) ? $"at {Time(first)}" : $"{Time(first)}–{Time(last)}";

    /// <summary>"Mon 7 Dec, 15:00–16:00" for an hour, "Monday 7 December" for a day.</summary>
    public static string SlotTitle(CalendarSlot slot) => slot.Hours == 1
        ? $"{slot.Start.ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture)}–{slot.Start.AddHours(1).ToString("HH:mm", CultureInfo.InvariantCulture)}"
        : slot.Start.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
}
