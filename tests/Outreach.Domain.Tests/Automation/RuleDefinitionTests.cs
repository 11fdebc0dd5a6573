using Outreach.Domain.Automation;
using Outreach.Domain.Common;
using Outreach.Domain.Guardrails;
using Outreach.Domain.Inbox;
using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;

namespace Outreach.Domain.Tests.Automation;

public class RuleDefinitionTests
{
    /// <summary>A clock the test moves: the events happen "now", and the executor looks later.</summary>
    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
    private static readonly Guid Conversation = Guid.NewGuid();
    private static readonly Guid Prospect = Guid.NewGuid();
    private static readonly Guid CampaignA = Guid.NewGuid();

    private static ConversationFacts Facts(
        InboxBucket bucket = InboxBucket.HotResponses, LeadPriority priority = LeadPriority.Hot, string[]? tags = null, int score = 50,
        bool hasEmail = false, Guid[]? campaigns = null, DateTimeOffset? lastInbound = null, DateTimeOffset? lastHuman = null) =>
        new(bucket, priority, tags ?? [], score, hasEmail, campaigns ?? [], lastInbound, lastHuman);

    private static RuleEvent.ReplyReceived Reply(ReplyKind kind, TimeProvider clock) =>
        new(Conversation, Prospect, Guid.NewGuid(), kind, clock.GetUtcNow());

    private static RuleDefinition Default(string key) => DefaultRules.All.Single(d => d.Key == key).Definition;

    [Fact]
    public void The_email_rule_is_due_24_hours_after_the_capture_and_skips_when_the_prospect_replied_since()
    {
        var clock = new Clock(Start);
        var rule = Default("email-no-reply");
        var capture = Reply(ReplyKind.EmailCaptured, clock);

        var due = rule.Schedule(capture, Facts(InboxBucket.EmailCaptures, hasEmail: true, lastInbound: capture.At));
        var quiet = rule.ReasonToSkip(capture.At, Facts(InboxBucket.EmailCaptures, hasEmail: true, lastInbound: capture.At));
        var replied = rule.ReasonToSkip(capture.At, Facts(InboxBucket.EmailCaptures, hasEmail: true, lastInbound: capture.At.AddHours(3)));

        Assert.Equal(Start.AddHours(24), due);
        Assert.Null(quiet);
        Assert.Equal("The prospect replied in the meantime.", replied);
        Assert.True(rule.CancelOnReply);
        Assert.Null(rule.Schedule(Reply(ReplyKind.Interested, clock), Facts()));
    }

    [Fact]
    public void Interested_without_an_email_asks_for_it_after_two_hours_but_not_when_the_prospect_has_one()
    {
        var clock = new Clock(Start);
        var rule = Default("interested-ask-email");
        var interest = Reply(ReplyKind.Interested, clock);

        Assert.Equal(Start.AddHours(2), rule.Schedule(interest, Facts(hasEmail: false)));
        Assert.Null(rule.Schedule(interest, Facts(hasEmail: true)));
        // The e-mail arrived meanwhile (in another message that the cancellation missed): the rule holds back.
        Assert.Equal("No longer applies: the prospect has an e-mail address.", rule.ReasonToSkip(interest.At, Facts(hasEmail: true)));
    }

    [Fact]
    public void A_hot_lead_gets_a_high_priority_task_unless_a_person_answered_within_two_hours()
    {
        var clock = new Clock(Start);
        var rule = Default("hot-lead-uncontacted");
        var hot = Reply(ReplyKind.CalledLine, clock);

        var due = rule.Schedule(hot, Facts(priority: LeadPriority.Hot));
        var cold = rule.Schedule(Reply(ReplyKind.NotInterested, clock), Facts(priority: LeadPriority.Cold));

        Assert.Equal(Start.AddHours(2), due);
        Assert.Null(cold);
        Assert.Null(rule.ReasonToSkip(hot.At, Facts(lastHuman: hot.At.AddMinutes(-30))));
        Assert.Equal("A teammate answered in the meantime.", rule.ReasonToSkip(hot.At, Facts(lastHuman: hot.At.AddMinutes(90))));
        var task = Assert.Single(rule.Actions);
        Assert.Equal((RuleActionKind.CreateTask, TaskPriority.High), (task.Kind, task.TaskPriority));
        // Another message from the lead is not an answer: it must not cancel the task that waits for one.
        Assert.False(rule.CancelOnReply);
    }

    [Theory]
    [InlineData("question-unanswered")]
    [InlineData("hot-lead-uncontacted")]
    [InlineData("interested-ask-email")]
    public void A_reply_rule_skips_a_conversation_the_team_marked_done_and_waits_for_a_snoozed_one_to_come_back(string key)
    {
        var rule = Default(key);
        var at = Start.AddHours(3);

        var done = rule.ReasonToSkip(Start, Facts() with { Status = Domain.Messaging.ConversationStatus.Done });
        var snoozed = Facts() with { Status = Domain.Messaging.ConversationStatus.Snoozed, SnoozedUntil = at.AddHours(1) };
        var returned = Facts() with { Status = Domain.Messaging.ConversationStatus.Snoozed, SnoozedUntil = at.AddMinutes(-1) };

        Assert.Equal("The conversation was marked done.", done);
        Assert.Null(rule.ReasonToSkip(Start, snoozed));
        Assert.Equal(at.AddHours(1), rule.WaitUntil(snoozed, at));
        Assert.Null(rule.WaitUntil(returned, at));
        Assert.Null(rule.WaitUntil(Facts(), at));
        Assert.Null(rule.ReasonToSkip(Start, Facts()));
    }

    [Fact]
    public void A_campaign_step_rule_still_acts_on_a_conversation_marked_done()
    {
        var rule = new RuleDefinition(new RuleTrigger(RuleTriggerKind.CampaignStepCompleted), RuleConditions.Any, [RuleAction.AddTag("stepped")]);
        var done = Facts() with { Status = Domain.Messaging.ConversationStatus.Done };

        Assert.Null(rule.ReasonToSkip(Start, done));
        Assert.Null(rule.WaitUntil(done, Start));
    }

    [Fact]
    public void A_question_unanswered_for_an_hour_makes_a_task_and_only_questions_trigger_it()
    {
        var clock = new Clock(Start);
        var rule = Default("question-unanswered");

        Assert.Equal(Start.AddHours(1), rule.Schedule(Reply(ReplyKind.Question, clock), Facts(priority: LeadPriority.Warm)));
        Assert.Null(rule.Schedule(Reply(ReplyKind.ThankYou, clock), Facts(priority: LeadPriority.Warm)));
        Assert.Equal("Question not answered by a person within 1 hour", rule.DescribeTrigger());
    }

    public static TheoryData<RuleConditions, ConversationFacts, string?> ConditionCases => new()
    {
        { RuleConditions.Any, Facts(), null },
        { new RuleConditions { Buckets = [InboxBucket.Objections] }, Facts(InboxBucket.HotResponses), "the conversation is in Hot responses" },
        { new RuleConditions { Priorities = [LeadPriority.Warm, LeadPriority.Cold] }, Facts(priority: LeadPriority.Hot), "the lead is hot" },
        { new RuleConditions { RequiredTags = ["vip"] }, Facts(tags: ["VIP"]), null },
        { new RuleConditions { RequiredTags = ["vip", "texas"] }, Facts(tags: ["vip"]), "the prospect is not tagged texas" },
        { new RuleConditions { ExcludedTags = ["customer"] }, Facts(tags: ["customer"]), "the prospect is tagged customer" },
        { new RuleConditions { MinScore = 60 }, Facts(score: 59), "the score 59 is below 60" },
        { new RuleConditions { MinScore = 60, MaxScore = 80 }, Facts(score: 80), null },
        { new RuleConditions { MaxScore = 80 }, Facts(score: 81), "the score 81 is above 80" },
        { new RuleConditions { HasEmail = true }, Facts(hasEmail: false), "the prospect has no e-mail address" },
        { new RuleConditions { CampaignId = CampaignA }, Facts(campaigns: [Guid.NewGuid()]), "the prospect is not in the campaign" },
        { new RuleConditions { CampaignId = CampaignA }, Facts(campaigns: [CampaignA]), null },
    };

    [Theory]
    [MemberData(nameof(ConditionCases))]
    public void Conditions_name_the_first_one_the_conversation_fails(RuleConditions conditions, ConversationFacts facts, string? expected)
    {
        Assert.Equal(expected, conditions.FirstUnmet(facts));
    }

    [Fact]
    public void A_campaign_step_trigger_matches_its_campaign_and_step_only()
    {
        var clock = new Clock(Start);
        var rule = new RuleDefinition(new RuleTrigger(RuleTriggerKind.CampaignStepCompleted, 30) { CampaignId = CampaignA, Step = 2 },
            RuleConditions.Any, [RuleAction.AddTag("second-step-sent")]);

        RuleEvent Step(Guid campaign, int step) => new RuleEvent.StepSent(Conversation, Prospect, campaign, 7, step, clock.GetUtcNow());

        Assert.Equal(Start.AddMinutes(30), rule.Schedule(Step(CampaignA, 2), Facts()));
        Assert.Null(rule.Schedule(Step(CampaignA, 1), Facts()));
        Assert.Null(rule.Schedule(Step(Guid.NewGuid(), 2), Facts()));
        Assert.Null(rule.Schedule(Reply(ReplyKind.Interested, clock), Facts()));
        Assert.Equal("step:7:2", Step(CampaignA, 2).Key);
        Assert.Equal("Step 2 of the campaign sent, then 30 min", rule.DescribeTrigger());
    }

    [Fact]
    public void A_definition_survives_its_json_round_trip()
    {
        var rule = new RuleDefinition(
            new RuleTrigger(RuleTriggerKind.ReplyClassified) { ReplyKinds = [ReplyKind.Interested, ReplyKind.CalledLine] },
            new RuleConditions { Buckets = [InboxBucket.HotResponses], RequiredTags = ["vip"], MinScore = 10, HasEmail = false },
            [RuleAction.Move(InboxBucket.HotResponses), RuleAction.Score(15), RuleAction.Task("Call", TaskPriority.High, 10, TeamRole.Manager), RuleAction.Notify("Hot!")])
        {
            CancelOnReply = false,
            RepeatPerConversation = true,
        };

        var back = RuleDefinition.FromJson(rule.ToJson());

        Assert.Equal(rule.ToJson(), back.ToJson());
        Assert.Equal([ReplyKind.Interested, ReplyKind.CalledLine], back.Trigger.ReplyKinds);
        Assert.Equal(TeamRole.Manager, back.Actions[2].AssigneeRole);
        Assert.True(back.RepeatPerConversation);
        Assert.Contains("\"kind\":\"ReplyClassified\"", rule.ToJson());
    }

    public static TheoryData<RuleDefinition, string> Invalid => new()
    {
        { new RuleDefinition(new RuleTrigger(RuleTriggerKind.NotAnsweredByHuman), RuleConditions.Any, [RuleAction.Notify("x")]), "how long to wait" },
        { new RuleDefinition(new RuleTrigger(RuleTriggerKind.ReplyClassified, -1), RuleConditions.Any, [RuleAction.Notify("x")]), "at most 30 days" },
        { new RuleDefinition(new RuleTrigger(RuleTriggerKind.ReplyClassified), RuleConditions.Any, []), "at least one action" },
        { new RuleDefinition(new RuleTrigger(RuleTriggerKind.ReplyClassified), new RuleConditions { MinScore = 9, MaxScore = 3 }, [RuleAction.Notify("x")]), "lowest score" },
        { new RuleDefinition(new RuleTrigger(RuleTriggerKind.ReplyClassified), RuleConditions.Any, [RuleAction.Send(" ")]), "SMS action needs a message" },
        { new RuleDefinition(new RuleTrigger(RuleTriggerKind.ReplyClassified), RuleConditions.Any, [RuleAction.Score(0)]), "score change" },
        { new RuleDefinition(new RuleTrigger(RuleTriggerKind.ReplyClassified), RuleConditions.Any, [new RuleAction(RuleActionKind.MoveToBucket)]), "bucket" },
        { new RuleDefinition(new RuleTrigger(RuleTriggerKind.CampaignStepCompleted) { Step = 0 }, RuleConditions.Any, [RuleAction.AddTag("x")]), "numbered from 1" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_definition_is_refused_with_its_reason(RuleDefinition definition, string reason)
    {
        var error = Assert.Throws<DomainException>(() => definition.Validate());

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Each_problem_names_the_part_of_the_rule_it_concerns_in_the_order_validation_reports_them()
    {
        var rule = new RuleDefinition(new RuleTrigger(RuleTriggerKind.NotAnsweredByHuman), new RuleConditions { MinScore = 9, MaxScore = 3 },
            [RuleAction.Notify("Heads up"), RuleAction.Send(" "), RuleAction.Score(0)]);

        var problems = rule.Problems();

        Assert.Equal([RuleFields.Delay, RuleFields.Score, RuleFields.Action(1), RuleFields.Action(2)], problems.Select(p => p.Field));
        Assert.Equal(problems[0].Message, Assert.Throws<DomainException>(() => rule.Validate()).Message);
        Assert.Equal("A rule needs a name of 1 to 120 characters.", FollowUpRule.NameProblem("   "));
        Assert.Null(FollowUpRule.NameProblem("Call back"));
    }

    [Fact]
    public void The_default_rules_are_valid_and_read_as_the_issue_states_them()
    {
        var clock = new Clock(Start);
        var rules = DefaultRules.All.Select(d => FollowUpRule.Create(Guid.NewGuid(), d.Name, d.Definition, true, "system", clock, d.Key)).ToList();

        Assert.Equal(4, rules.Count);
        Assert.All(rules, r => Assert.True(r.IsEnabled));
        Assert.Equal(
            ["E-mail captured, then no reply for 24 hours", "Interested, then no reply for 2 hours", "Question not answered by a person within 1 hour", "Any reply not answered by a person within 2 hours"],
            rules.Select(r => r.Rule.DescribeTrigger()).ToArray());
        Assert.StartsWith("Send SMS \"Hi {{firstName|there}}, just checking", rules[0].Rule.Actions[0].Describe());
        Assert.Equal("High-priority task \"Call or text this hot lead now\" for the owner", rules[3].Rule.Actions[0].Describe());
    }

    [Fact]
    public void A_rule_needs_a_name_and_switching_records_who_and_when()
    {
        var clock = new Clock(Start);
        var rule = FollowUpRule.Create(Guid.NewGuid(), "Tag hot leads", new RuleDefinition(new RuleTrigger(RuleTriggerKind.ReplyClassified), RuleConditions.Any, [RuleAction.AddTag("hot")]), true, "Ann", clock);
        clock.Now = Start.AddMinutes(5);

        rule.Switch(false, "Bob", clock);

        Assert.False(rule.IsEnabled);
        Assert.Equal(("Bob", Start.AddMinutes(5)), (rule.UpdatedBy, rule.UpdatedAt));
        Assert.Throws<DomainException>(() => rule.Change("  ", rule.Rule, "Bob", clock));
    }

    [Theory]
    [InlineData(0, 2, null)]
    [InlineData(1, 2, null)]
    [InlineData(2, 2, GuardrailReason.MaxFollowUps)]
    [InlineData(0, 0, GuardrailReason.MaxFollowUps)]
    public void Follow_up_rules_stop_at_the_teams_maximum_without_a_reply(int sent, int max, GuardrailReason? expected)
    {
        var request = new GuardrailRequest(Start, "America/Chicago", false, false, false, false, null) { FollowUps = new FollowUpFacts(sent, max) };

        var decision = GuardrailPolicy.Evaluate(request);

        Assert.Equal(expected ?? GuardrailReason.None, decision.Reason);
        Assert.Equal(expected is null, decision.IsAllowed);
    }
}
