using static System.FormattableString;

namespace Outreach.Domain.Inbox;

/// <summary>
/// How long a conversation has waited for a human, and whether a hot lead has waited too long. The clock
/// starts at the oldest inbound message without a human answer (<see cref="Conversation.WaitingSince"/>).
/// </summary>
public static class InboxSla
{
    public static readonly TimeSpan DefaultHotLeadTarget = TimeSpan.FromHours(2);

    public static TimeSpan? Waiting(DateTimeOffset? waitingSince, DateTimeOffset now) =>
        waitingSince is { } since ? (now > since ? now - since : TimeSpan.Zero) : null;

    /// <summary>A hot lead still waiting for a human after the team's target.</summary>
    public static bool IsBreached(LeadPriority priority, DateTimeOffset? waitingSince, DateTimeOffset now, TimeSpan target) =>
        priority == LeadPriority.Hot && Waiting(waitingSince, now) is { } waited && waited >= target;

    /// <summary>The moment a hot lead waiting since <paramref name="waitingSince"/> breaches; conversations waiting since before it have.</summary>
    public static DateTimeOffset BreachedIfWaitingBefore(DateTimeOffset now, TimeSpan target) => now - target;

    /// <summary>"4 min", "2 h 05 min", "3 d 4 h": short enough for a list row.</summary>
    public static string Describe(TimeSpan waited)
    {
        if (waited < TimeSpan.FromMinutes(1))
        {
            return "<1 min";
        }
        if (waited < TimeSpan.FromHours(1))
        {
            return Invariant($"{(int)waited.TotalMinutes} min");
        }
        if (waited < TimeSpan.FromDays(1))
        {
            return Invariant($"{(int)waited.TotalHours} h {waited.Minutes:00} min");
        }
        return Invariant($"{(int)waited.TotalDays} d {waited.Hours} h");
    }
}
