using Outreach.Domain.Automation;
using Outreach.Domain.Inbox;
using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;

namespace Outreach.Console.Features.Automation;

/// <summary>The rule editor's mutable copy of a <see cref="RuleDefinition"/>; the domain validates what it builds.</summary>
public sealed class RuleForm
{
    public string Name { get; set; } = string.Empty;
    public RuleTriggerKind Trigger { get; set; } = RuleTriggerKind.ReplyClassified;
    public IReadOnlyCollection<ReplyKind> ReplyKinds { get; set; } = [];
    public int DelayValue { get; set; }
    public DelayUnit Unit { get; set; } = DelayUnit.Hours;
    public Guid? TriggerCampaignId { get; set; }
    public int? Step { get; set; }

    public IReadOnlyCollection<InboxBucket> Buckets { get; set; } = [];
    public IReadOnlyCollection<LeadPriority> Priorities { get; set; } = [];
    public string? RequiredTags { get; set; }
    public string? ExcludedTags { get; set; }
    public int? MinScore { get; set; }
    public int? MaxScore { get; set; }
    public bool? HasEmail { get; set; }
    public Guid? CampaignId { get; set; }

    public bool CancelOnReply { get; set; } = true;
    public bool RepeatPerConversation { get; set; }
    public List<ActionForm> Actions { get; } = [];

    public static RuleForm From(FollowUpRule? rule)
    {
        var form = new RuleForm();
        if (rule is null)
        {
            form.Actions.Add(new ActionForm { Kind = RuleActionKind.CreateTask, Text = "Follow up" });
            return form;
        }
        var definition = rule.Rule;
        var trigger = definition.Trigger;
        var conditions = definition.Conditions;
        form.Name = rule.Name;
        form.Trigger = trigger.Kind;
        form.ReplyKinds = trigger.ReplyKinds.ToList();
        (form.DelayValue, form.Unit) = trigger.DelayMinutes switch
        {
            0 => (0, DelayUnit.Hours),
            var m when m % (60 * 24) == 0 => (m / (60 * 24), DelayUnit.Days),
            var m when m % 60 == 0 => (m / 60, DelayUnit.Hours),
            var m => (m, DelayUnit.Minutes),
        };
        form.TriggerCampaignId = trigger.CampaignId;
        form.Step = trigger.Step;
        form.Buckets = conditions.Buckets.ToList();
        form.Priorities = conditions.Priorities.ToList();
        form.RequiredTags = string.Join(", ", conditions.RequiredTags);
        form.ExcludedTags = string.Join(", ", conditions.ExcludedTags);
        form.MinScore = conditions.MinScore;
        form.MaxScore = conditions.MaxScore;
        form.HasEmail = conditions.HasEmail;
        form.CampaignId = conditions.CampaignId;
        form.CancelOnReply = definition.CancelOnReply;
        form.RepeatPerConversation = definition.RepeatPerConversation;
        form.Actions.AddRange(definition.Actions.Select(ActionForm.From));
        return form;
    }

    public RuleDefinition ToDefinition() => new(
        new RuleTrigger(Trigger, DelayValue * (int)Unit)
        {
            ReplyKinds = Trigger == RuleTriggerKind.CampaignStepCompleted ? [] : ReplyKinds.ToList(),
            CampaignId = Trigger == RuleTriggerKind.CampaignStepCompleted ? TriggerCampaignId : null,
            Step = Trigger == RuleTriggerKind.CampaignStepCompleted ? Step : null,
        },
        new RuleConditions
        {
            Buckets = Buckets.ToList(),
            Priorities = Priorities.ToList(),
            RequiredTags = Tags(RequiredTags),
            ExcludedTags = Tags(ExcludedTags),
            MinScore = MinScore,
            MaxScore = MaxScore,
            HasEmail = HasEmail,
            CampaignId = CampaignId,
        },
        Actions.Select(a => a.ToAction()).ToList())
    {
        CancelOnReply = CancelOnReply,
        RepeatPerConversation = RepeatPerConversation,
    };

    /// <summary>
    /// What is wrong with the form, keyed by the part of the rule it concerns (<see cref="RuleFields"/>), the first
    /// problem of each: the domain's own checks, so the editor says what saving would refuse, next to the field.
    /// </summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>();
        if (FollowUpRule.NameProblem(Name) is { } name)
        {
            problems[RuleFields.Name] = name;
        }
        foreach (var problem in ToDefinition().Problems())
        {
            problems.TryAdd(problem.Field, problem.Message);
        }
        return problems;
    }

    private static List<string> Tags(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).Distinct().ToList();
}

public enum DelayUnit
{
    Minutes = 1,
    Hours = 60,
    Days = 60 * 24,
}

/// <summary>One action in the editor.</summary>
public sealed class ActionForm
{
    public RuleActionKind Kind { get; set; }
    public string? Text { get; set; }
    public TaskPriority TaskPriority { get; set; }
    public int TaskDueMinutes { get; set; } = 60;

    /// <summary>The conversation's owner (<see cref="Owner"/>), or a <see cref="Tasks.TaskAssignees"/> key: a role or a member.</summary>
    public string Assignee { get; set; } = Owner;

    public const string Owner = "owner";

    public InboxBucket? Bucket { get; set; }
    public int ScoreDelta { get; set; } = 10;
    public string? Tag { get; set; }

    public static ActionForm From(RuleAction action) => new()
    {
        Kind = action.Kind,
        Text = action.Text,
        TaskPriority = action.TaskPriority,
        TaskDueMinutes = action.TaskDueMinutes,
        Assignee = action.AssigneeUserId is null && action.AssigneeRole is null ? Owner : Tasks.TaskAssignees.Key(action.AssigneeUserId, action.AssigneeRole),
        Bucket = action.Bucket,
        ScoreDelta = action.ScoreDelta,
        Tag = action.Tag,
    };

    public RuleAction ToAction() => new(Kind)
    {
        Text = Kind is RuleActionKind.SendSms or RuleActionKind.CreateTask or RuleActionKind.NotifyTeam ? Text?.Trim() : null,
        TaskPriority = TaskPriority,
        TaskDueMinutes = TaskDueMinutes,
        AssigneeUserId = Kind == RuleActionKind.CreateTask && Assignee.StartsWith("user:", StringComparison.Ordinal) ? Guid.Parse(Assignee[5..]) : null,
        AssigneeRole = Kind == RuleActionKind.CreateTask && Assignee.StartsWith("role:", StringComparison.Ordinal) ? Enum.Parse<TeamRole>(Assignee[5..]) : null,
        Bucket = Kind == RuleActionKind.MoveToBucket ? Bucket : null,
        ScoreDelta = Kind == RuleActionKind.ChangeScore ? ScoreDelta : 0,
        Tag = Kind is RuleActionKind.AddTag or RuleActionKind.RemoveTag ? Tag?.Trim() : null,
    };
}
