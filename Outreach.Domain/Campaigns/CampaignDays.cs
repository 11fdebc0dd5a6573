namespace Outreach.Domain.Campaigns;

/// <summary>Days of the week as a bit mask (bit n = <see cref="DayOfWeek"/> n), the way they are stored.</summary>
public static class CampaignDays
{
    public const int EveryDay = 0b111_1111;

    public static int ToMask(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (mask, day) => mask | (1 << (int)day));

    public static IReadOnlySet<DayOfWeek> FromMask(int mask) =>
        Enum.GetValues<DayOfWeek>().Where(day => (mask & (1 << (int)day)) != 0).ToHashSet();
}
