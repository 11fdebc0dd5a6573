using Outreach.Domain.Common;
using Outreach.Domain.Messaging;

namespace Outreach.Domain.Campaigns;

/// <summary>
/// Everything an operator decides about a campaign before it runs: what the wizard edits. Validated as a
/// whole so that a campaign can never be saved half-valid.
/// </summary>
public sealed record CampaignPlan(
    string Name,
    CampaignChannel Channel,
    CampaignAudience Audience,
    IReadOnlyList<CampaignStep> Steps,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt,
    TimeOnly WindowStart,
    TimeOnly WindowEnd,
    IReadOnlySet<DayOfWeek> Days,
    int ThrottlePerMinute,
    int DailyCap,
    decimal? Budget,
    int MaxFollowUps,
    bool StopOnReply,
    IReadOnlyList<Guid> NumberPool,
    bool RequireApproval)
{
    public const int MaxSteps = 10;
    public const int MaxThrottlePerMinute = 120_000;

    public static CampaignPlan Default(string name) => new(
        name, CampaignChannel.Sms, new CampaignAudience(AudienceKind.Tags, Tags: []),
        [new CampaignStep(0, "Hi {{first_name|there}}, ")], null, null,
        new TimeOnly(9, 0), new TimeOnly(18, 0),
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        60, 1000, null, 2, true, [], false);

    /// <summary>The problems that stop this plan from being saved; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 120)
        {
            problems.Add("A campaign needs a name of 1 to 120 characters.");
        }
        if (Channel != CampaignChannel.Sms)
        {
            problems.Add("Only SMS campaigns can be sent today.");
        }
        if (Steps.Count is 0 or > MaxSteps)
        {
            problems.Add($"A campaign needs 1 to {MaxSteps} steps.");
        }
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            foreach (var template in new[] { step.Template, step.VariantB }.Where(t => t is not null))
            {
                if (string.IsNullOrWhiteSpace(template) || template!.Length > Message.MaxBodyLength)
                {
                    problems.Add($"Step {i + 1} needs a message of 1 to {Message.MaxBodyLength} characters.");
                }
                else if (!MessageTemplate.IsWellFormed(template))
                {
                    problems.Add($"Step {i + 1} has an unclosed {{{{variable}}}}.");
                }
            }
            if (i > 0 && step.DelayHours is < 1 or > 24 * 60)
            {
                problems.Add($"Step {i + 1} needs a delay of 1 hour to 60 days after the previous step.");
            }
        }
        if (WindowEnd <= WindowStart)
        {
            problems.Add("The send window must start before it ends.");
        }
        if (Days.Count == 0)
        {
            problems.Add("Choose at least one day of the week.");
        }
        if (ThrottlePerMinute is < 1 or > MaxThrottlePerMinute)
        {
            problems.Add($"The throttle must be 1 to {MaxThrottlePerMinute:N0} messages a minute.");
        }
        if (DailyCap < 1)
        {
            problems.Add("The daily cap must be at least 1.");
        }
        if (BudgetLimit.Problem(Budget) is { } budgetProblem)
        {
            problems.Add(budgetProblem);
        }
        if (MaxFollowUps < 0 || MaxFollowUps > MaxSteps - 1)
        {
            problems.Add($"The maximum number of follow-ups must be 0 to {MaxSteps - 1}.");
        }
        if (EndAt is { } end && StartAt is { } start && end <= start)
        {
            problems.Add("The end must come after the start.");
        }
        var audienceProblem = Audience.Kind switch
        {
            AudienceKind.Tags when Audience.Tags is not { Count: > 0 } => "Choose at least one tag.",
            AudienceKind.ImportBatch when Audience.ImportId is null => "Choose an import.",
            AudienceKind.Selection when Audience.ProspectIds is not { Count: > 0 } => "Select at least one prospect.",
            AudienceKind.Filter when string.IsNullOrWhiteSpace(Audience.FilterJson) => "Describe the filter.",
            _ => null,
        };
        if (audienceProblem is not null)
        {
            problems.Add(audienceProblem);
        }
        return problems;
    }

    public void EnsureValid()
    {
        if (Problems() is { Count: > 0 } problems)
        {
            throw new DomainException(string.Join(" ", problems));
        }
    }
}
