using Outreach.Domain.Campaigns;

namespace Outreach.Infrastructure.Calendar;

/// <summary>Which kinds of scheduled work the calendar shows.</summary>
public enum CalendarKinds
{
    Both,
    Campaigns,
    FollowUps,
}

/// <summary>
/// What the calendar shows. A campaign narrows the campaign sends and a rule the follow-ups; choosing only
/// one of them shows only its kind ("this rule's executions", not "this rule's and every campaign's").
/// </summary>
public sealed record CalendarFilter(Guid? CampaignId = null, Guid? RuleId = null, CalendarKinds Kinds = CalendarKinds.Both)
{
    public static readonly CalendarFilter All = new();

    public bool IncludesCampaigns => Kinds != CalendarKinds.FollowUps && (CampaignId is not null || RuleId is null);

    public bool IncludesFollowUps => Kinds != CalendarKinds.Campaigns && (RuleId is not null || CampaignId is null);
}

/// <summary>The team's time zone and its wall-clock time now.</summary>
public sealed record TeamClock(string Zone, DateTimeOffset UtcNow, DateTime LocalNow)
{
    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    /// <summary>The local hour now (minutes dropped): the calendar's "current hour".</summary>
    public DateTime CurrentHour => new(LocalNow.Year, LocalNow.Month, LocalNow.Day, LocalNow.Hour, 0, 0, DateTimeKind.Unspecified);

    public DateTime ToLocal(DateTimeOffset instant) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(Zone)).DateTime, DateTimeKind.Unspecified);

    public static TeamClock For(string zone, DateTimeOffset utcNow)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;
        return new TeamClock(zone, utcNow, DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
    }
}

/// <summary>
/// One local clock hour. Held sends belong to paused (or not yet started) campaigns, or to any campaign while a kill
/// switch stops the team's sending; held follow-ups belong to
/// switched-off rules: they stay scheduled but go only if the campaign resumes (the rule's are skipped when due).
/// </summary>
public sealed record CalendarBucket(DateTime Hour)
{
    public long CampaignSends { get; init; }
    public long HeldCampaignSends { get; init; }
    public int CampaignStarts { get; init; }
    public long FollowUps { get; init; }
    public long HeldFollowUps { get; init; }

    public long Total => CampaignSends + HeldCampaignSends + FollowUps + HeldFollowUps;

    public long Held => HeldCampaignSends + HeldFollowUps;
}

/// <summary>Scheduled work due before now that has not gone yet (it goes as soon as the guardrails allow).</summary>
public sealed record OverdueCounts(long CampaignSends, long FollowUps)
{
    public long Total => CampaignSends + FollowUps;
}

public sealed record CalendarGrid(TeamClock Clock, DateOnly From, int Days, IReadOnlyList<CalendarBucket> Buckets, OverdueCounts Overdue)
{
    public long Max => Buckets.Count == 0 ? 0 : Buckets.Max(b => b.Total);
}

/// <summary>Enrollments owed step <see cref="Step"/> (0-based) of a campaign within a slot, counted, not listed.</summary>
/// <summary>
/// Enrollments of one campaign step due in a slot. <see cref="SendingStopped"/>: a kill switch of the team, its SMS
/// channel or the installation is engaged, so they are held whatever the campaign's state.
/// </summary>
public sealed record CampaignSendGroup(
    Guid CampaignId, string CampaignName, CampaignState State, int Step, int StepCount, string? Template, long Count,
    DateTimeOffset FirstDueAt, DateTimeOffset LastDueAt, bool SendingStopped)
{
    public bool Held => State != CampaignState.Running || SendingStopped;
}

public sealed record CampaignStart(Guid CampaignId, string CampaignName, DateTimeOffset StartAt);

public sealed record ScheduledExecution(
    long Id, Guid RuleId, string RuleName, bool RuleEnabled, string Trigger, IReadOnlyList<string> Actions,
    Guid ConversationId, Guid ProspectId, string ProspectName, string? Phone, DateTimeOffset DueAt, DateTimeOffset TriggeredAt);

/// <summary>
/// What one slot (an hour or a day) holds. <see cref="ExecutionCount"/> counts every pending execution;
/// <see cref="Executions"/> lists the first <see cref="ScheduleCalendar.MaxListedExecutions"/>.
/// </summary>
public sealed record CalendarSlot(
    TeamClock Clock, DateTime Start, int Hours, IReadOnlyList<CampaignSendGroup> CampaignSends, IReadOnlyList<CampaignStart> CampaignStarts,
    IReadOnlyList<ScheduledExecution> Executions, long ExecutionCount)
{
    public bool IsEmpty => CampaignSends.Count == 0 && CampaignStarts.Count == 0 && ExecutionCount == 0;
}

public sealed record CalendarCampaign(Guid Id, string Name, CampaignState State);
