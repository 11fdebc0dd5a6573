using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Domain.Common;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;

namespace Outreach.Domain.Automation;

/// <summary>
/// A rule's trigger, conditions and actions. <see cref="CancelOnReply"/> makes any inbound reply of the
/// prospect cancel its pending executions; without <see cref="RepeatPerConversation"/> a rule runs at most
/// once per conversation (a cancelled or skipped execution does not count: a later trigger arms it again).
/// </summary>
public sealed record RuleDefinition(RuleTrigger Trigger, RuleConditions Conditions, IReadOnlyList<RuleAction> Actions)
{
    public const int MaxActions = 8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public bool CancelOnReply { get; init; } = true;

    public bool RepeatPerConversation { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RuleDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<RuleDefinition>(json, Json) ?? throw new DomainException("The rule's definition is empty.");

    /// <summary>Throws a <see cref="DomainException"/> naming the first problem.</summary>
    public RuleDefinition Validate() =>
        Problems().FirstOrDefault() is { } problem ? throw new DomainException(problem.Message) : this;

    /// <summary>
    /// Every problem of the definition, in the order <see cref="Validate"/> reports them, each with the part of the
    /// rule it concerns (<see cref="RuleFields"/>), so an editor can show it next to that field.
    /// </summary>
    public IReadOnlyList<RuleProblem> Problems()
    {
        var problems = new List<RuleProblem>();
        if (Trigger.DelayMinutes < 0 || Trigger.DelayMinutes > RuleTrigger.MaxDelayMinutes)
        {
            problems.Add(new(RuleFields.Delay, "A rule waits at most 30 days."));
        }
        else if (Trigger.NeedsDelay && Trigger.DelayMinutes == 0)
        {
            problems.Add(new(RuleFields.Delay, "Say how long to wait for a reply or an answer."));
        }
        if (Trigger.Step is < 1)
        {
            problems.Add(new(RuleFields.Step, "Campaign steps are numbered from 1."));
        }
        if (Conditions.MinScore is { } min && Conditions.MaxScore is { } max && min > max)
        {
            problems.Add(new(RuleFields.Score, "The lowest score is above the highest."));
        }
        if (Actions.Count == 0)
        {
            problems.Add(new(RuleFields.Actions, "A rule needs at least one action."));
        }
        if (Actions.Count > MaxActions)
        {
            problems.Add(new(RuleFields.Actions, $"A rule has at most {MaxActions} actions."));
        }
        for (var i = 0; i < Actions.Count; i++)
        {
            if (ActionProblem(Actions[i]) is { } message)
            {
                problems.Add(new(RuleFields.Action(i), message));
            }
        }
        return problems;
    }

    private static string? ActionProblem(RuleAction action) => action.Kind switch
    {
        RuleActionKind.SendSms when string.IsNullOrWhiteSpace(action.Text) || action.Text.Trim().Length > Message.MaxBodyLength =>
            $"An SMS action needs a message of 1 to {Message.MaxBodyLength} characters.",
        RuleActionKind.CreateTask when string.IsNullOrWhiteSpace(action.Text) || action.Text.Trim().Length > RuleAction.MaxTaskTitleLength =>
            $"A task needs a title of 1 to {RuleAction.MaxTaskTitleLength} characters.",
        RuleActionKind.CreateTask when action.TaskDueMinutes is < 0 or > RuleTrigger.MaxDelayMinutes => "A task is due within 30 days.",
        RuleActionKind.MoveToBucket when action.Bucket is null => "Choose the bucket to move to.",
        RuleActionKind.ChangeScore when action.ScoreDelta is 0 or < -100 or > 100 => "A score change is between -100 and 100, and not 0.",
        RuleActionKind.AddTag or RuleActionKind.RemoveTag when string.IsNullOrWhiteSpace(action.Tag) || action.Tag.Trim().Length > 60 => "A tag has 1 to 60 characters.",
        RuleActionKind.NotifyTeam when string.IsNullOrWhiteSpace(action.Text) || action.Text.Trim().Length > 300 => "A notice has 1 to 300 characters.",
        _ => null,
    };

    /// <summary>
    /// When this rule should act on what happened, or null when it should not: the trigger must match and the
    /// conditions must hold now (they are checked again when it fires).
    /// </summary>
    public DateTimeOffset? Schedule(RuleEvent happened, ConversationFacts facts) =>
        Trigger.Matches(happened) && Conditions.FirstUnmet(facts) is null ? happened.At + Trigger.Delay : null;

    /// <summary>
    /// Whether an execution scheduled for <paramref name="triggeredAt"/> should still act: null to go ahead,
    /// otherwise why it is skipped.
    /// </summary>
    public string? ReasonToSkip(DateTimeOffset triggeredAt, ConversationFacts facts)
    {
        // The team closed the conversation: whatever the reply asked for was dealt with. A new reply reopens it
        // and arms the rule again; a campaign step is about the campaign, not the triage, and still counts.
        if (Trigger.IsAboutReplies && facts.Status == ConversationStatus.Done)
        {
            return "The conversation was marked done.";
        }
        if (Trigger.Kind == RuleTriggerKind.NoReplyAfterClassification && facts.LastInboundAt > triggeredAt)
        {
            return "The prospect replied in the meantime.";
        }
        if (Trigger.Kind == RuleTriggerKind.NotAnsweredByHuman && facts.LastHumanReplyAt > triggeredAt)
        {
            return "A teammate answered in the meantime.";
        }
        return Conditions.FirstUnmet(facts) is { } unmet ? $"No longer applies: {unmet}." : null;
    }

    /// <summary>
    /// Until when an execution that should still act waits instead: a snoozed conversation was put away until a
    /// moment the team chose, so what a reply started (a task, a message) waits for it to come back rather than
    /// acting on a conversation nobody is looking at, or being lost. Null to act now.
    /// </summary>
    public DateTimeOffset? WaitUntil(ConversationFacts facts, DateTimeOffset now) =>
        Trigger.IsAboutReplies && facts.Status == ConversationStatus.Snoozed && facts.SnoozedUntil > now ? facts.SnoozedUntil : null;

    /// <summary>The trigger in words, for the rules list and the calendar.</summary>
    public string DescribeTrigger()
    {
        var kinds = Trigger.ReplyKinds.Count == 0 ? "Any reply" : string.Join(" or ", Trigger.ReplyKinds.Select(k => k.Label()));
        var wait = DescribeDelay(Trigger.DelayMinutes);
        return Trigger.Kind switch
        {
            RuleTriggerKind.ReplyClassified => Trigger.DelayMinutes == 0 ? $"{kinds} arrives" : $"{kinds}, then {wait}",
            RuleTriggerKind.NoReplyAfterClassification => $"{kinds}, then no reply for {wait}",
            RuleTriggerKind.NotAnsweredByHuman => $"{kinds} not answered by a person within {wait}",
            RuleTriggerKind.CampaignStepCompleted =>
                $"{(Trigger.Step is { } step ? $"Step {step}" : "A step")} of {(Trigger.CampaignId is null ? "any campaign" : "the campaign")} sent{(Trigger.DelayMinutes == 0 ? "" : $", then {wait}")}",
            _ => Trigger.Kind.ToString(),
        };
    }

    /// <summary>The actions in words, from <paramref name="from"/> on (what a half-done execution still has to do).</summary>
    public string DescribeActions(int from = 0) => string.Join("; ", Actions.Skip(from).Select(a => a.Describe()));

    public static string DescribeDelay(int minutes) => minutes switch
    {
        0 => "no time",
        < 60 => $"{minutes} min",
        _ when minutes % (60 * 24) == 0 => minutes == 60 * 24 ? "24 hours" : $"{minutes / (60 * 24)} days",
        _ when minutes % 60 == 0 => minutes == 60 ? "1 hour" : $"{minutes / 60} hours",
        _ => $"{minutes / 60} h {minutes % 60} min",
    };
}
