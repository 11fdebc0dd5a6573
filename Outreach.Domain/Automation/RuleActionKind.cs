namespace Outreach.Domain.Automation;

/// <summary>What a rule does when it fires; stored as text.</summary>
public enum RuleActionKind
{
    SendSms,
    CreateTask,
    MoveToBucket,
    ChangeScore,
    AddTag,
    RemoveTag,
    NotifyTeam,
}
