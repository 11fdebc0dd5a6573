using Outreach.Domain.Automation;
using Outreach.Domain.Inbox;
using Outreach.Domain.Tasks;

namespace Outreach.Console.Features.Automation;

/// <summary>
/// Rules in the words an operator reads on screen: the editor's choices, the rules list and the executions. No
/// enum name reaches the page; a value added to an enum without a label here shows as its name and fails the test
/// that checks every label.
/// </summary>
public static class RuleText
{
    public static string Label(this RuleTriggerKind trigger) => trigger switch
    {
        RuleTriggerKind.ReplyClassified => "A reply arrives",
        RuleTriggerKind.NoReplyAfterClassification => "No reply after a reply",
        RuleTriggerKind.NotAnsweredByHuman => "Not answered by a person",
        RuleTriggerKind.CampaignStepCompleted => "A campaign step is sent",
        _ => trigger.ToString(),
    };

    public static string Label(this RuleActionKind action) => action switch
    {
        RuleActionKind.SendSms => "Send an SMS",
        RuleActionKind.CreateTask => "Create a task",
        RuleActionKind.MoveToBucket => "Move to a bucket",
        RuleActionKind.ChangeScore => "Change the score",
        RuleActionKind.AddTag => "Add a tag",
        RuleActionKind.RemoveTag => "Remove a tag",
        RuleActionKind.NotifyTeam => "Notify the team",
        _ => action.ToString(),
    };

    public static string Label(this DelayUnit unit) => unit switch
    {
        DelayUnit.Minutes => "minutes",
        DelayUnit.Hours => "hours",
        DelayUnit.Days => "days",
        _ => unit.ToString(),
    };

    public static string Label(this LeadPriority priority) => priority switch
    {
        LeadPriority.Hot => "Hot",
        LeadPriority.Warm => "Warm",
        LeadPriority.Cold => "Cold",
        _ => priority.ToString(),
    };

    public static string Label(this TaskPriority priority) => priority switch
    {
        TaskPriority.Normal => "Normal priority",
        TaskPriority.High => "High priority",
        _ => priority.ToString(),
    };

    public static string Label(this ExecutionStatus status) => status switch
    {
        ExecutionStatus.Pending => "Pending",
        ExecutionStatus.Running => "Running",
        ExecutionStatus.Completed => "Done",
        ExecutionStatus.Skipped => "Skipped",
        ExecutionStatus.Failed => "Failed",
        _ => status.ToString(),
    };

    /// <summary>Whether the prospect must have an e-mail address: null is either.</summary>
    public static string EmailLabel(bool? hasEmail) => hasEmail switch
    {
        true => "Has an e-mail address",
        false => "Has no e-mail address",
        null => "Either",
    };

    /// <summary>What the wait means for the chosen trigger: the field's label.</summary>
    public static string DelayLabel(RuleTriggerKind trigger) => trigger switch
    {
        RuleTriggerKind.NoReplyAfterClassification => "No reply for",
        RuleTriggerKind.NotAnsweredByHuman => "No answer for",
        _ => "Then wait",
    };

    /// <summary>The wait's hint under the field.</summary>
    public static string DelayHint(RuleTriggerKind trigger) => trigger switch
    {
        RuleTriggerKind.NoReplyAfterClassification => "from the prospect",
        RuleTriggerKind.NotAnsweredByHuman => "from a teammate",
        _ => "0: at once",
    };

    /// <summary>A rule's conditions in words, for the rules list.</summary>
    public static string Conditions(RuleConditions conditions, IReadOnlyDictionary<Guid, string> campaignNames)
    {
        if (conditions.IsEmpty)
        {
            return "Always";
        }
        var parts = new List<string>();
        if (conditions.Buckets.Count > 0)
        {
            parts.Add("in " + string.Join(" or ", conditions.Buckets.Select(b => b.Title())));
        }
        if (conditions.Priorities.Count > 0)
        {
            parts.Add(string.Join(" or ", conditions.Priorities.Select(p => p.Label())).ToLowerInvariant() + " leads");
        }
        if (conditions.RequiredTags.Count > 0)
        {
            parts.Add("tagged " + string.Join(" and ", conditions.RequiredTags));
        }
        if (conditions.ExcludedTags.Count > 0)
        {
            parts.Add("not tagged " + string.Join(" or ", conditions.ExcludedTags));
        }
        if (conditions.MinScore is not null || conditions.MaxScore is not null)
        {
            parts.Add($"score {conditions.MinScore?.ToString() ?? "0"}–{conditions.MaxScore?.ToString() ?? "any"}");
        }
        if (conditions.HasEmail is { } email)
        {
            parts.Add(email ? "with an e-mail" : "without an e-mail");
        }
        if (conditions.CampaignId is { } campaign)
        {
            parts.Add("in campaign " + campaignNames.GetValueOrDefault(campaign, "(deleted)"));
        }
        return string.Join(", ", parts);
    }
}
