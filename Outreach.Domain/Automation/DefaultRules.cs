using Outreach.Domain.Inbox;
using Outreach.Domain.Tasks;

namespace Outreach.Domain.Automation;

/// <summary>The rules every team starts with, switched on; editable and switchable like any other.</summary>
public static class DefaultRules
{
    public static IReadOnlyList<(string Key, string Name, RuleDefinition Definition)> All { get; } =
    [
        ("email-no-reply", "E-mail captured, no reply in 24 hours",
            new RuleDefinition(
                new RuleTrigger(RuleTriggerKind.NoReplyAfterClassification, 24 * 60) { ReplyKinds = [ReplyKind.EmailCaptured] },
                RuleConditions.Any,
                [RuleAction.Send("Hi {{firstName|there}}, just checking: did you get the e-mail we sent? Happy to resend it.")])),
        ("interested-ask-email", "Interested without an e-mail: ask for it",
            new RuleDefinition(
                new RuleTrigger(RuleTriggerKind.NoReplyAfterClassification, 2 * 60) { ReplyKinds = [ReplyKind.Interested] },
                new RuleConditions { HasEmail = false },
                [RuleAction.Send("Great to hear, {{firstName|there}}! What's the best e-mail to send the details to?")])),
        ("question-unanswered", "Question unanswered for an hour",
            new RuleDefinition(
                new RuleTrigger(RuleTriggerKind.NotAnsweredByHuman, 60) { ReplyKinds = [ReplyKind.Question] },
                RuleConditions.Any,
                [RuleAction.Task("Answer the question", TaskPriority.Normal, 30)])
            {
                // The prospect writing again is not an answer: only a teammate's reply ends the wait.
                CancelOnReply = false,
            }),
        ("hot-lead-uncontacted", "Hot lead not contacted within 2 hours",
            new RuleDefinition(
                new RuleTrigger(RuleTriggerKind.NotAnsweredByHuman, 2 * 60),
                new RuleConditions { Priorities = [LeadPriority.Hot] },
                [RuleAction.Task("Call or text this hot lead now", TaskPriority.High, 0)])
            {
                CancelOnReply = false,
            }),
    ];
}
