using System.Globalization;
using Outreach.Console.Features.Shared;
using Outreach.Domain.Campaigns;
using Outreach.Domain.Common;
using Outreach.Domain.Messaging;

namespace Outreach.Console.Features.Campaigns;

/// <summary>The wizard's steps, in order.</summary>
public enum WizardStep
{
    Audience,
    Messages,
    Schedule,
    Review,
}

/// <summary>What the operator does with the campaign at the end of the wizard.</summary>
public enum CampaignLaunch
{
    Draft,
    StartNow,
    Schedule,
}

/// <summary>
/// The campaign the wizard is building, as typed: numbers may be missing or out of range and times are on the team's
/// clock. <see cref="Problems"/> says what is wrong with one step, field by field, so each message sits beside its
/// field (nothing is clamped behind the operator's back); <see cref="ToPlan"/> turns a valid draft into the domain's
/// <see cref="CampaignPlan"/>, which checks the whole once more.
/// </summary>
public sealed class CampaignDraft
{
    public const int MaxNameLength = 120;
    public const int MaxFollowUps = CampaignPlan.MaxSteps - 1;
    public const int MaxDelayHours = 24 * 60;

    /// <summary>Quiet hours: no campaign message before 08:00 or after 21:00 in the recipient's time.</summary>
    public const int EarliestHour = 8;
    public const int LatestHour = 21;

    public const int MaxDailyCap = 10_000_000;

    public string? Name { get; set; }
    public AudienceKind AudienceKind { get; set; } = AudienceKind.Tags;
    public HashSet<string> Tags { get; } = new(StringComparer.Ordinal);
    public Guid? ImportId { get; set; }

    public string? FirstMessage { get; set; } = "Hi {{first_name|there}}, ";
    public bool AbTest { get; set; }
    public string? VariantB { get; set; }
    public List<FollowUpDraft> FollowUps { get; } = [];
    public bool StopOnReply { get; set; } = true;

    public bool StartLater { get; set; }
    public DateTime? StartDate { get; set; }
    public TimeSpan? StartTime { get; set; }
    public bool HasEnd { get; set; }
    public DateTime? EndDate { get; set; }
    public TimeSpan? EndTime { get; set; }
    public int? WindowStartHour { get; set; } = 9;
    public int? WindowEndHour { get; set; } = 18;
    public HashSet<DayOfWeek> Days { get; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    public int? ThrottlePerMinute { get; set; } = 60;
    public int? DailyCap { get; set; } = 1000;
    public decimal? Budget { get; set; }
    public bool RequireApproval { get; set; }

    /// <summary>The audience as the campaign stores it.</summary>
    public CampaignAudience Audience => AudienceKind == AudienceKind.ImportBatch
        ? new CampaignAudience(AudienceKind.ImportBatch, ImportId: ImportId)
        : new CampaignAudience(AudienceKind.Tags, Tags: [.. Tags.Order(StringComparer.Ordinal)]);

    /// <summary>Whether the audience names anyone yet (a tag or an import is chosen).</summary>
    public bool HasAudience => AudienceKind == AudienceKind.ImportBatch ? ImportId is not null : Tags.Count > 0;

    /// <summary>
    /// What is wrong with <paramref name="step"/>, by field (see <see cref="Fields"/>). <paramref name="reachable"/> is
    /// the audience's live count (null while it is being counted); <paramref name="now"/> decides what "past" is.
    /// </summary>
    public IReadOnlyDictionary<string, string> Problems(WizardStep step, int? reachable, TimeZoneInfo zone, DateTimeOffset now)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (step)
        {
            case WizardStep.Audience:
                AudienceProblems(problems, reachable);
                break;
            case WizardStep.Messages:
                MessageProblems(problems);
                break;
            case WizardStep.Schedule:
                ScheduleProblems(problems, zone, now);
                break;
            case WizardStep.Review:
                AudienceProblems(problems, reachable);
                MessageProblems(problems);
                ScheduleProblems(problems, zone, now);
                break;
        }
        return problems;
    }

    private void AudienceProblems(Dictionary<string, string> problems, int? reachable)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems[Fields.Name] = "Give the campaign a name.";
        }
        else if (Name.Trim().Length > MaxNameLength)
        {
            problems[Fields.Name] = $"A name has at most {MaxNameLength} characters ({Name.Trim().Length} now).";
        }
        if (!HasAudience)
        {
            problems[Fields.Audience] = AudienceKind == AudienceKind.ImportBatch ? "Choose an import." : "Choose at least one tag.";
        }
        else if (reachable is null)
        {
            problems[Fields.Audience] = "Wait for the audience to be counted.";
        }
        else if (reachable == 0)
        {
            problems[Fields.Audience] = "Nobody in this audience can be reached: choose another audience.";
        }
    }

    private void MessageProblems(Dictionary<string, string> problems)
    {
        if (TemplateProblem(FirstMessage) is { } first)
        {
            problems[Fields.FirstMessage] = first;
        }
        if (AbTest && TemplateProblem(VariantB) is { } variant)
        {
            problems[Fields.VariantB] = variant;
        }
        if (FollowUps.Count > MaxFollowUps)
        {
            problems[Fields.FollowUps] = $"A campaign has at most {MaxFollowUps} follow-ups.";
        }
        for (var i = 0; i < FollowUps.Count; i++)
        {
            var followUp = FollowUps[i];
            if (followUp.DelayHours is not { } delay)
            {
                problems[Fields.FollowUpDelay(i)] = "Say how many hours after the previous message.";
            }
            else if (delay is < 1 or > MaxDelayHours)
            {
                problems[Fields.FollowUpDelay(i)] = $"From 1 to {MaxDelayHours:N0} hours (60 days); {delay:N0} is out of range.";
            }
            if (TemplateProblem(followUp.Message) is { } message)
            {
                problems[Fields.FollowUpMessage(i)] = message;
            }
        }
    }

    private static string? TemplateProblem(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return "Write the message.";
        }
        if (template.Length > Message.MaxBodyLength)
        {
            return $"At most {Message.MaxBodyLength:N0} characters ({template.Length:N0} now).";
        }
        return MessageTemplate.IsWellFormed(template) ? null : "A {{variable}} is not closed.";
    }

    private void ScheduleProblems(Dictionary<string, string> problems, TimeZoneInfo zone, DateTimeOffset now)
    {
        var start = StartLater ? Resolve(StartDate, StartTime, zone, Fields.Start, "start", problems) : null;
        if (start is { } s && s < now)
        {
            problems[Fields.Start] = $"That is in the past ({TeamTime.Full(s, zone)}); choose a later time or start it yourself.";
        }
        var end = HasEnd ? Resolve(EndDate, EndTime, zone, Fields.End, "end", problems) : null;
        if (end is { } e && !problems.ContainsKey(Fields.End))
        {
            if (e <= (start ?? now))
            {
                problems[Fields.End] = start is null ? "The end must be in the future." : "The end must come after the start.";
            }
        }

        var windowStart = HourProblem(WindowStartHour, EarliestHour, LatestHour - 1, "The first hour");
        if (windowStart is not null)
        {
            problems[Fields.WindowStart] = windowStart;
        }
        var windowEnd = HourProblem(WindowEndHour, EarliestHour + 1, LatestHour, "The last hour");
        if (windowEnd is not null)
        {
            problems[Fields.WindowEnd] = windowEnd;
        }
        if (windowStart is null && windowEnd is null && WindowEndHour <= WindowStartHour)
        {
            problems[Fields.WindowEnd] = "The sending hours must end after they start.";
        }
        if (Days.Count == 0)
        {
            problems[Fields.Days] = "Choose at least one day of the week.";
        }

        if (ThrottlePerMinute is not { } throttle)
        {
            problems[Fields.Throttle] = "Say how many messages a minute at most.";
        }
        else if (throttle is < 1 or > CampaignPlan.MaxThrottlePerMinute)
        {
            problems[Fields.Throttle] = $"From 1 to {CampaignPlan.MaxThrottlePerMinute:N0} messages a minute; {throttle:N0} is out of range.";
        }
        if (DailyCap is not { } cap)
        {
            problems[Fields.DailyCap] = "Say how many messages a day at most.";
        }
        else if (cap is < 1 or > MaxDailyCap)
        {
            problems[Fields.DailyCap] = $"From 1 to {MaxDailyCap:N0} messages a day; {cap:N0} is out of range.";
        }
        if (BudgetLimit.Problem(Budget) is { } budget)
        {
            problems[Fields.Budget] = budget;
        }
    }

    private static string? HourProblem(int? hour, int min, int max, string what) => hour switch
    {
        null => $"{what} is missing.",
        { } h when h < min || h > max => string.Create(CultureInfo.InvariantCulture,
            $"From {min:00}:00 to {max:00}:00 (no campaign message before {EarliestHour:00}:00 or after {LatestHour:00}:00); {h} is out of range."),
        _ => null,
    };

    private static DateTimeOffset? Resolve(DateTime? date, TimeSpan? time, TimeZoneInfo zone, string field, string what, Dictionary<string, string> problems)
    {
        if (date is null || time is null)
        {
            problems[field] = $"Choose the day and the time of the {what}.";
            return null;
        }
        var resolved = TeamLocalTime.ToUtc(date.Value.Date + time.Value, zone);
        if (resolved.Problem is { } problem)
        {
            problems[field] = problem;
        }
        return resolved.Utc;
    }

    /// <summary>The start as an instant (null: it starts when someone starts it), or null when it cannot be resolved.</summary>
    public DateTimeOffset? StartUtc(TimeZoneInfo zone) =>
        StartLater && StartDate is { } date && StartTime is { } time ? TeamLocalTime.ToUtc(date.Date + time, zone).Utc : null;

    public DateTimeOffset? EndUtc(TimeZoneInfo zone) =>
        HasEnd && EndDate is { } date && EndTime is { } time ? TeamLocalTime.ToUtc(date.Date + time, zone).Utc : null;

    /// <summary>The plan the campaign is created from; call it on a draft without <see cref="Problems"/>.</summary>
    public CampaignPlan ToPlan(TimeZoneInfo zone)
    {
        var steps = new List<CampaignStep> { new(0, FirstMessage?.Trim() ?? "", AbTest && !string.IsNullOrWhiteSpace(VariantB) ? VariantB.Trim() : null) };
        steps.AddRange(FollowUps.Select(f => new CampaignStep(f.DelayHours ?? 0, f.Message?.Trim() ?? "")));
        return new CampaignPlan(
            Name?.Trim() ?? "", CampaignChannel.Sms, Audience, steps, StartUtc(zone), EndUtc(zone),
            new TimeOnly(WindowStartHour ?? 0, 0), new TimeOnly(WindowEndHour ?? 0, 0), Days.ToHashSet(),
            ThrottlePerMinute ?? 0, DailyCap ?? 0, Budget, FollowUps.Count, StopOnReply, [], RequireApproval);
    }

    /// <summary>
    /// The segments a template costs for the longest of the sample prospects (their names and companies fill the
    /// variables), the way the campaign's cost is estimated; with no sample, the variables' fallbacks are used.
    /// </summary>
    public static SmsSegmentInfo Measure(string? template, IReadOnlyList<ProspectFields> samples)
    {
        var people = samples.Count > 0 ? samples : [new ProspectFields(null, null, null, null, null, null, null)];
        return people.Select(p => SmsSegments.Measure(CampaignMessage.Render(template ?? "", p)))
            .OrderByDescending(m => m.Segments).ThenByDescending(m => m.Characters).First();
    }

    /// <summary>The keys of <see cref="Problems"/>: one per field, so each message sits beside its field.</summary>
    public static class Fields
    {
        public const string Name = "name";
        public const string Audience = "audience";
        public const string FirstMessage = "first";
        public const string VariantB = "variant-b";
        public const string FollowUps = "follow-ups";
        public const string Start = "start";
        public const string End = "end";
        public const string WindowStart = "window-start";
        public const string WindowEnd = "window-end";
        public const string Days = "days";
        public const string Throttle = "throttle";
        public const string DailyCap = "daily-cap";
        public const string Budget = "budget";

        public static string FollowUpDelay(int index) => $"follow-up-{index}-delay";

        public static string FollowUpMessage(int index) => $"follow-up-{index}-message";
    }
}

/// <summary>One follow-up as typed: hours after the previous message, and the text.</summary>
public sealed class FollowUpDraft
{
    public int? DelayHours { get; set; } = 48;
    public string? Message { get; set; }
}
