using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Outreach.Console.Features.Automation;
using Outreach.Console.Features.Shared;
using Outreach.Domain.Automation;
using Outreach.Domain.Common;
using Outreach.Domain.Inbox;
using Outreach.Domain.Tasks;
using Outreach.Domain.Teams;

namespace Outreach.Console.Tests.Components;

public class RuleEditorTests : ComponentTestContext
{
    private IRenderedComponent<MudPopoverProvider> _popovers = default!;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    [Fact]
    public async Task Saving_shows_each_problem_beside_its_field_saves_nothing_and_a_corrected_field_loses_its_message()
    {
        var saves = 0;
        await OpenAsync(null, (_, _) =>
        {
            saves++;
            return Task.CompletedTask;
        });

        _dialogs.Find("[data-testid=action-add]").Click();
        _dialogs.Find("[data-testid=rule-save]").Click();

        var name = _dialogs.Find("[data-testid=rule-name]");
        Assert.Contains("A rule needs a name of 1 to 120 characters.", FieldOf(name).TextContent);
        Assert.Equal("true", name.GetAttribute("aria-invalid"));
        var actions = _dialogs.FindAll("[data-testid=rule-action]");
        Assert.Equal(2, actions.Count);
        Assert.Contains("An SMS action needs a message", FieldOf(actions[1].QuerySelector("[data-testid=action-text]")!).TextContent);
        Assert.DoesNotContain("needs", actions[0].TextContent);
        Assert.Equal(0, saves);

        _dialogs.Find("[data-testid=rule-name]").Input("Call back hot leads");

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("A rule needs a name", _dialogs.Markup));
        Assert.Equal("false", _dialogs.Find("[data-testid=rule-name]").GetAttribute("aria-invalid"));
        Assert.Contains("An SMS action needs a message", _dialogs.Markup);
    }

    [Fact]
    public async Task A_wait_trigger_without_a_wait_says_so_beside_the_wait()
    {
        await OpenAsync(null, (_, _) => Task.CompletedTask);
        _dialogs.Find("[data-testid=rule-name]").Input("Nobody answered");

        await ChooseAsync("rule-trigger", "Not answered by a person");
        _dialogs.Find("[data-testid=rule-save]").Click();

        Assert.Contains("Say how long to wait for a reply or an answer.", FieldOf(_dialogs.Find("[data-testid=rule-delay]")).TextContent);
        Assert.Contains("No answer for", FieldOf(_dialogs.Find("[data-testid=rule-delay]")).TextContent);
    }

    [Fact]
    public async Task The_form_builds_the_rule_it_was_opened_with_and_the_changes_made_to_it()
    {
        var rule = FollowUpRule.Create(TestMember.TeamId, "Ask for the e-mail", new RuleDefinition(
            new RuleTrigger(RuleTriggerKind.NoReplyAfterClassification, 120) { ReplyKinds = [ReplyKind.Interested] },
            new RuleConditions { Priorities = [LeadPriority.Hot], HasEmail = false, RequiredTags = ["texas"] },
            [RuleAction.Send("What's your e-mail, {{firstName|there}}?"), RuleAction.Task("Call them", TaskPriority.High, 30, TeamRole.Manager)])
        {
            CancelOnReply = false,
        }, enabled: true, "Mia", TimeProvider.System);
        (string Name, RuleDefinition Definition)? saved = null;
        await OpenAsync(rule, (name, definition) =>
        {
            saved = (name, definition);
            return Task.CompletedTask;
        });

        _dialogs.Find("[data-testid=rule-name]").Input("  Ask for the e-mail, later  ");
        _dialogs.Find("[data-testid=rule-delay]").Change("3");
        await ChooseAsync("rule-delay-unit", "days");
        _dialogs.Find("[data-testid=rule-save]").Click();

        var expected = rule.Rule with { Trigger = rule.Rule.Trigger with { DelayMinutes = 3 * 24 * 60 } };
        Assert.NotNull(saved);
        Assert.Equal("Ask for the e-mail, later", saved.Value.Name);
        Assert.Equal(expected.ToJson(), saved.Value.Definition.ToJson());
    }

    [Fact]
    public async Task A_refusal_from_the_service_is_shown_in_the_form_which_stays_open()
    {
        var dialog = await OpenAsync(null, (_, _) => throw new DomainException("Tasks can only go to active members of the team who are not viewers."));
        _dialogs.Find("[data-testid=rule-name]").Input("Task for someone");

        _dialogs.Find("[data-testid=rule-save]").Click();

        Assert.Contains("active members", _dialogs.Find("[data-testid=rule-error]").TextContent);
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task Triggers_actions_and_conditions_are_in_human_words_and_no_code_name_reaches_the_form()
    {
        await OpenAsync(null, (_, _) => Task.CompletedTask);

        var triggers = await OptionsAsync("rule-trigger");
        var actions = await OptionsAsync("action-kind");

        Assert.Equal(["A reply arrives", "No reply after a reply", "Not answered by a person", "A campaign step is sent"], triggers);
        Assert.Contains("Notify the team", actions);
        Assert.Contains("Create a task", actions);
        var codeNames = new[] { typeof(RuleTriggerKind), typeof(RuleActionKind), typeof(InboxBucket), typeof(ReplyKind), typeof(LeadPriority), typeof(TaskPriority) }
            .SelectMany(Enum.GetNames)
            .Where(n => Regex.IsMatch(n, "[a-z][A-Z]"))
            .ToList();
        var onScreen = _dialogs.Find("[role=dialog]").TextContent + " " + string.Join(" ", _dialogs.FindAll("input").Select(i => i.GetAttribute("value"))) + " " +
                       string.Join(" ", triggers.Concat(actions));
        Assert.All(codeNames, name => Assert.DoesNotContain(name, onScreen));
    }

    [Fact]
    public void Every_label_is_words_not_an_enum_name()
    {
        var labels = Enum.GetValues<RuleTriggerKind>().Select(v => v.Label())
            .Concat(Enum.GetValues<RuleActionKind>().Select(v => v.Label()))
            .Concat(Enum.GetValues<DelayUnit>().Select(v => v.Label()))
            .Concat(Enum.GetValues<LeadPriority>().Select(v => v.Label()))
            .Concat(Enum.GetValues<TaskPriority>().Select(v => v.Label()))
            .Concat(Enum.GetValues<ExecutionStatus>().Select(v => v.Label()))
            .ToList();

        Assert.All(labels, label => Assert.DoesNotMatch("[a-z][A-Z]", label));
        Assert.Equal("in Hot responses or Do not contact, hot leads, without an e-mail",
            RuleText.Conditions(new RuleConditions { Buckets = [InboxBucket.HotResponses, InboxBucket.DoNotContact], Priorities = [LeadPriority.Hot], HasEmail = false },
                new Dictionary<Guid, string>()));
    }

    [Fact]
    public void Every_default_rule_survives_the_form_unchanged()
    {
        foreach (var (key, name, definition) in DefaultRules.All)
        {
            var rule = FollowUpRule.Create(TestMember.TeamId, name, definition, enabled: true, "system", TimeProvider.System, key);

            var form = RuleForm.From(rule);

            Assert.Equal(definition.ToJson(), form.ToDefinition().ToJson());
            Assert.Empty(form.Problems());
        }
    }

    private async Task<IDialogReference> OpenAsync(FollowUpRule? rule, Func<string, RuleDefinition, Task> save)
    {
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<RuleEditor>
        {
            { e => e.Rule, rule },
            { e => e.Save, save },
            { e => e.Assignees, [new("The conversation's owner (else the whole team)", ActionForm.Owner), new Choice<string>("Any manager", "role:Manager")] },
        };
        return await _dialogs.InvokeAsync(() => service.ShowAsync<RuleEditor>("Rule", parameters));
    }

    /// <summary>Opens the select whose input has this test id and picks the option with this text.</summary>
    private async Task ChooseAsync(string testId, string option)
    {
        await OpenSelectAsync(testId);
        var item = _popovers.FindAll("[role=option]").Single(o => o.TextContent.Trim() == option);
        await _popovers.InvokeAsync(() => item.Click());
    }

    private async Task<List<string>> OptionsAsync(string testId)
    {
        await OpenSelectAsync(testId);
        var options = _popovers.FindAll("[role=option]").Select(o => o.TextContent.Trim()).ToList();
        // Picking the option already chosen closes the list and changes nothing.
        var chosen = _popovers.Find("[role=option][aria-selected=true]");
        await _popovers.InvokeAsync(() => chosen.Click());
        Assert.Empty(_popovers.FindAll("[role=option]"));
        return options;
    }

    // A select opens on a mouse-down on its field.
    private Task OpenSelectAsync(string testId)
    {
        var input = _dialogs.Find($"[data-testid={testId}]");
        var opener = FieldOf(input).QuerySelectorAll("*").Prepend(FieldOf(input)).Last(e => e.HasAttribute("blazor:onmousedown") && e.Contains(input));
        return _dialogs.InvokeAsync(() => opener.MouseDown());
    }

    /// <summary>The field an input belongs to: its nearest ancestor that holds no other input, with its label and message.</summary>
    private static IElement FieldOf(IElement input)
    {
        var field = input;
        while (field.ParentElement is { } parent && parent.QuerySelectorAll("input, textarea").Length == 1)
        {
            field = parent;
        }
        return field;
    }
}
