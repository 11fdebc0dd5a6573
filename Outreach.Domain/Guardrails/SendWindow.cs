using System.Collections.Frozen;
using System.Globalization;
using Outreach.Domain.Common;

namespace Outreach.Domain.Guardrails;

/// <summary>
/// The local times and days a recipient may be texted: <see cref="Start"/> inclusive, <see cref="End"/>
/// exclusive, <see cref="Days"/> null for every day. Whatever a window says, it never allows a moment outside
/// <see cref="Legal"/>: the effective window is always clamped to it.
/// </summary>
public sealed record SendWindow(TimeOnly Start, TimeOnly End, IReadOnlySet<DayOfWeek>? Days = null)
{
    // Far enough to cross any days-of-week gap (at most six days) and a DST transition on the way.
    private const int DaysToSearch = 8;

    /// <summary>08:00 to 21:00 every day: the bound set by TCPA and state quiet-hour laws that nothing can widen.</summary>
    public static SendWindow Legal { get; } = new(new TimeOnly(8, 0), new TimeOnly(21, 0));

    public TimeOnly Start { get; init; } = Start;

    public TimeOnly End { get; init; } = End >= Start
        ? End
        : throw new DomainException($"A send window must start before it ends ({Start:HH\\:mm}–{End:HH\\:mm}); overnight windows are never legal.");

    // Copied so that a caller's set changed later cannot change a window already checked.
    public IReadOnlySet<DayOfWeek>? Days { get; init; } = Days?.ToFrozenSet();

    /// <summary>True when no moment is ever allowed (disjoint narrowing, or an empty set of days).</summary>
    public bool IsEmpty => EffectiveStart >= EffectiveEnd || Days is { Count: 0 };

    private TimeOnly EffectiveStart => Start > Legal.Start ? Start : Legal.Start;

    private TimeOnly EffectiveEnd => End < Legal.End ? End : Legal.End;

    /// <summary>The moments both windows allow, never wider than <see cref="Legal"/>.</summary>
    public SendWindow NarrowTo(SendWindow other)
    {
        ArgumentNullException.ThrowIfNull(other);

        var start = Max(EffectiveStart, other.EffectiveStart);
        var end = Min(EffectiveEnd, other.EffectiveEnd);
        var days = (Days, other.Days) switch
        {
            (null, null) => null,
            (null, var theirs) => theirs,
            (var ours, null) => ours,
            (var ours, var theirs) => ours.Where(theirs.Contains).ToFrozenSet(),
        };
        return new SendWindow(start, end < start ? start : end, days);
    }

    public bool Allows(DateTimeOffset instantUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);

        var local = TimeZoneInfo.ConvertTime(instantUtc, zone);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return AllowsDay(local.DayOfWeek) && time >= EffectiveStart && time < EffectiveEnd;
    }

    /// <summary>
    /// The earliest moment at or after <paramref name="instantUtc"/> that the window allows in
    /// <paramref name="zone"/>, in UTC. Each day's opening is converted with that day's own UTC offset, so a
    /// deferral across a DST change lands on the local opening time, not an hour off.
    /// </summary>
    /// <exception cref="DomainException">The window is empty.</exception>
    public DateTimeOffset NextAllowed(DateTimeOffset instantUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);

        if (IsEmpty)
        {
            throw new DomainException("This send window allows no time at all.");
        }
        if (Allows(instantUtc, zone))
        {
            return instantUtc;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instantUtc, zone).DateTime);
        for (var offset = 0; offset <= DaysToSearch; offset++)
        {
            var date = today.AddDays(offset);
            if (!AllowsDay(date.DayOfWeek))
            {
                continue;
            }
            var opening = EarliestInstantAtOrAfter(date.ToDateTime(EffectiveStart), zone);
            // A DST gap can push the opening past the close; then the day has nothing to offer.
            if (opening >= instantUtc && Allows(opening, zone))
            {
                return opening;
            }
        }
        throw new DomainException($"No moment in the send window {this} within {DaysToSearch} days of {instantUtc:u}.");
    }

    /// <summary>
    /// The earliest moment at or after <paramref name="instantUtc"/> that the window allows in every one of
    /// <paramref name="zones"/>, or null when the zones' windows never overlap (a narrow window across time
    /// zones three hours apart).
    /// </summary>
    public DateTimeOffset? NextAllowedInAll(DateTimeOffset instantUtc, IReadOnlyList<TimeZoneInfo> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);

        if (IsEmpty)
        {
            return null;
        }

        // Each zone can only push the candidate later, so the first candidate every zone accepts is the answer;
        // the limit stops the search when the windows never meet.
        var limit = instantUtc.AddDays(DaysToSearch);
        var candidate = instantUtc;
        while (candidate <= limit)
        {
            var moved = false;
            foreach (var zone in zones)
            {
                var next = NextAllowed(candidate, zone);
                if (next != candidate)
                {
                    candidate = next;
                    moved = true;
                }
            }
            if (!moved)
            {
                return candidate;
            }
        }
        return null;
    }

    public bool AllowsInAll(DateTimeOffset instantUtc, IReadOnlyList<TimeZoneInfo> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        return zones.All(zone => Allows(instantUtc, zone));
    }

    public bool Equals(SendWindow? other) =>
        other is not null
        && Start == other.Start
        && End == other.End
        && AllWeek.All(day => AllowsDay(day) == other.AllowsDay(day));

    public override int GetHashCode() =>
        HashCode.Combine(Start, End, AllWeek.Aggregate(0, (bits, day) => AllowsDay(day) ? bits | (1 << (int)day) : bits));

    /// <summary>For explanations: "08:00–21:00" or "09:00–17:00 Mon, Tue, Wed".</summary>
    public override string ToString()
    {
        var hours = string.Create(CultureInfo.InvariantCulture, $"{EffectiveStart:HH\\:mm}–{EffectiveEnd:HH\\:mm}");
        return Days is null || Days.Count == 7
            ? hours
            : $"{hours} {string.Join(", ", AllWeek.Where(Days.Contains).Select(day => day.ToString()[..3]))}";
    }

    private static readonly DayOfWeek[] AllWeek =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday,
        DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    private bool AllowsDay(DayOfWeek day) => Days is null || Days.Contains(day);

    private static TimeOnly Max(TimeOnly a, TimeOnly b) => a > b ? a : b;

    private static TimeOnly Min(TimeOnly a, TimeOnly b) => a < b ? a : b;

    /// <summary>The earliest instant whose local time in <paramref name="zone"/> is at or after <paramref name="local"/>.</summary>
    internal static DateTimeOffset EarliestInstantAtOrAfter(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        if (zone.IsAmbiguousTime(local))
        {
            // The clock shows this time twice; the first showing is under the larger offset.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }
        if (!zone.IsInvalidTime(local))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        // The clock skips this time, so the answer is the transition itself. It lies between the instants the
        // two offsets give; find it by bisection (transitions are rare and the range is at most a few hours).
        var offsets = new[] { zone.GetUtcOffset(local.AddDays(-1)), zone.GetUtcOffset(local.AddDays(1)) };
        var before = new DateTimeOffset(local.Ticks - offsets.Max().Ticks, TimeSpan.Zero);
        var after = new DateTimeOffset(local.Ticks - offsets.Min().Ticks, TimeSpan.Zero);
        while (after - before > TimeSpan.FromTicks(1))
        {
            var middle = before + (after - before) / 2;
            if (TimeZoneInfo.ConvertTime(middle, zone).DateTime >= local)
            {
                after = middle;
            }
            else
            {
                before = middle;
            }
        }
        return after;
    }
}
