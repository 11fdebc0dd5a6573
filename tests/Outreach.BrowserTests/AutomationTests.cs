using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using Outreach.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// Follow-up automation seen by two operators on two nodes: a reply posted through the simulator's signed
/// webhook triggers the default rules and their executions appear live; when one comes due (its time is moved,
/// not waited for) the clustered executor sends the follow-up, which appears live in the inbox thread and in
/// the executions history; a rule paused on one node shows paused on the other; a rule built in the editor
/// notifies every open console of the team.
/// </summary>
[Collection(ClusterCollection.Name)]
public class AutomationTests(ConsoleCluster cluster)
{
    private const string TeamNumber = "+15122400101";

    [Fact]
    public async Task A_reply_triggers_the_default_rules_live_and_the_follow_up_goes_out_when_due()
    {
        var suffix = Random.Shared.Next(1000, 9999);
        var phone = $"+1512246{suffix}";
        var first = await OpenAutomationAsync(cluster.NodeA.BaseUrl);
        var second = await OpenAutomationAsync(cluster.NodeB.BaseUrl);

        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeB.BaseUrl, phone, TeamNumber, "Yes, I'm interested. Tell me more");

        var ask = Execution(first, phone, "Interested without an e-mail: ask for it");
        await Expect(ask).ToHaveAttributeAsync("data-status", "Pending");
        await Expect(RowOf(ask)).ToContainTextAsync("Send SMS");
        await Expect(Execution(second, phone, "Hot lead not contacted within 2 hours")).ToHaveAttributeAsync("data-status", "Pending");
        // Tall enough for the rules and the executions together.
        await first.SetViewportSizeAsync(1440, 1280);
        await Operator.ScreenshotAsync(first, "automation");
        await first.SetViewportSizeAsync(1440, 900);
        await Operator.AssertAccessibleAsync(first);

        // The conversation's pane lists what the rules plan for it.
        await using var connection = await OpenAsync();
        var conversation = await ScalarAsync<Guid>(connection, "SELECT id FROM conversations WHERE prospect_phone = @phone", ("phone", phone));
        await second.GotoAsync($"{cluster.NodeB.BaseUrl}/inbox/{conversation}");
        await Operator.WaitForCircuitAsync(second);
        await Expect(second.Locator("[data-testid=conversation-pane] [data-testid=thread]")).ToContainTextAsync("Tell me more");
        var planned = second.Locator("[data-testid=conversation-follow-up][data-rule='Interested without an e-mail: ask for it']");
        await Expect(planned).ToContainTextAsync("Send SMS");
        await Expect(planned).ToContainTextAsync("in 1 h");

        // Two hours pass for this prospect (who lives where it is the middle of the day, so quiet hours allow it).
        await DueNowAsync(phone, "Interested without an e-mail: ask for it");

        // The executor runs on whichever node the cluster picks; the follow-up shows up live in the thread
        // open on node B and leaves the upcoming list on node A.
        await Expect(second.Locator("[data-testid=conversation-pane] [data-testid=thread]"))
            .ToContainTextAsync("Great to hear, there! What's the best e-mail to send the details to?", new() { Timeout = 30_000 });
        await Expect(ask).ToHaveCountAsync(0);
        await Expect(planned).ToHaveCountAsync(0);
        await Expect(second.Locator("[data-testid=conversation-follow-up][data-rule='Hot lead not contacted within 2 hours']")).ToBeVisibleAsync();
        await first.ClickAsync("[data-testid=executions-history]");
        var done = Execution(first, phone, "Interested without an e-mail: ask for it");
        await Expect(done).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(RowOf(done)).ToContainTextAsync("Send SMS");
        await Expect(RowOf(done)).ToContainTextAsync("Done");
        Assert.Equal(1L, await ScalarAsync<long>(connection,
            "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.prospect_phone = @phone AND m.source = 'FollowUp'", ("phone", phone)));

        // Nobody answered the hot lead within two hours either: a high-priority task appears live on the Tasks page.
        await Operator.NavigateAsync(first, "Tasks", "Tasks");
        await Expect(first.Locator("[data-testid=task-list], .oc-empty").First).ToBeVisibleAsync();
        await DueNowAsync(phone, "Hot lead not contacted within 2 hours");
        var task = first.Locator("[data-testid=task-row]", new() { Has = first.Locator($"[data-testid=task-conversation][href='/inbox/{conversation}']") });
        await Expect(task).ToContainTextAsync("Call or text this hot lead now", new() { Timeout = 30_000 });
        await Expect(task.Locator("[data-testid=task-priority-cell]")).ToHaveTextAsync("High");
        await Expect(task.Locator("[data-testid=task-created-by]")).ToContainTextAsync("Rule: Hot lead not contacted within 2 hours");
    }

    [Fact]
    public async Task A_rule_paused_on_one_node_shows_paused_on_the_other_and_a_new_rule_notifies_the_team()
    {
        var first = await OpenAutomationAsync(cluster.NodeA.BaseUrl);
        var second = await OpenAutomationAsync(cluster.NodeB.BaseUrl);
        var rule = "Question unanswered for an hour";

        await first.GetByRole(AriaRole.Switch, new() { Name = $"{rule} on", Exact = true }).ClickAsync();
        await Expect(RuleRow(second, rule)).ToContainTextAsync("Paused");
        await Expect(second.GetByRole(AriaRole.Switch, new() { Name = $"{rule} on", Exact = true })).Not.ToBeCheckedAsync();
        await second.GetByRole(AriaRole.Switch, new() { Name = $"{rule} on", Exact = true }).ClickAsync();
        await Expect(RuleRow(first, rule)).Not.ToContainTextAsync("Paused");

        // The team's limit on follow-ups without a reply lives with the budget and caps, under Settings > Messaging.
        await Operator.OpenSettingsAsync(second, "Messaging", "Messaging");
        var limit = second.Locator("[data-testid=limits-follow-ups] input, input[data-testid=limits-follow-ups]");
        await limit.FillAsync("3");
        await second.ClickAsync("[data-testid=limits-save]");
        await Expect(second.GetByText("Budget and caps saved")).ToBeVisibleAsync();
        await second.ReloadAsync();
        await Operator.WaitForCircuitAsync(second);
        await Expect(limit).ToHaveValueAsync("3");
        await limit.FillAsync("2");
        await second.ClickAsync("[data-testid=limits-save]");
        // The first toast went with the reload: this one is the second save's.
        await Expect(second.GetByText("Budget and caps saved")).ToBeVisibleAsync();
        await Operator.NavigateAsync(second, "Automation", "Automation");

        // A new rule from the editor: any reply notifies the team.
        var name = $"Tell everyone {Random.Shared.Next(1000, 9999)}";
        // The confirmation of the pause has gone by now (axe would catch it mid-fade).
        await Expect(first.GetByText($"\"{rule}\" paused")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Operator.OpenDialogAsync(first, "[data-testid=rule-new]");
        var editor = first.GetByRole(AriaRole.Dialog);
        await Operator.AssertAccessibleAsync(first);
        // Saved without a name, the editor says so beside the name and stays open.
        await editor.Locator("[data-testid=rule-save]").ClickAsync();
        await Expect(editor).ToContainTextAsync("A rule needs a name of 1 to 120 characters.");
        await editor.Locator("[data-testid=rule-name]").FillAsync(name);
        await editor.Locator("[data-testid=action-kind]").ClickAsync();
        await first.GetByRole(AriaRole.Option, new() { Name = "Notify the team", Exact = true }).ClickAsync();
        await editor.GetByLabel("Notice", new() { Exact = true }).FillAsync("A prospect wrote back");
        await editor.Locator("[data-testid=rule-save]").ClickAsync();
        await Expect(editor).ToHaveCountAsync(0);
        await Expect(RuleRow(second, name)).ToContainTextAsync("Any reply arrives");
        await Expect(RuleRow(second, name)).ToContainTextAsync("Notify the team \"A prospect wrote back\"");

        try
        {
            await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeA.BaseUrl, $"+1512247{Random.Shared.Next(1000, 9999)}", TeamNumber, "Who is this?");
            // The executor fires every few seconds on one node; the notice reaches both.
            foreach (var page in new[] { first, second })
            {
                await Expect(page.Locator("[data-testid=team-notice]", new() { HasTextString = "A prospect wrote back" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            }
        }
        finally
        {
            // The rule would notify on every reply of the other tests that share this team.
            await first.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}", Exact = true }).ClickAsync();
            await first.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            await Expect(second.Locator($"[data-testid=rule-row][data-rule='{name}']")).ToHaveCountAsync(0);
        }
    }

    private async Task<IPage> OpenAutomationAsync(string baseUrl)
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, baseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(page, "Demo Brokerage");
        await Operator.NavigateAsync(page, "Automation", "Automation");
        return page;
    }

    /// <summary>The mark of an execution in its row (its rule, phone and status as attributes).</summary>
    private static ILocator Execution(IPage page, string phone, string rule) =>
        page.Locator($"[data-testid=execution-row][data-phone='{phone}'][data-rule='{rule}']");

    /// <summary>The table row that holds a mark.</summary>
    private static ILocator RowOf(ILocator mark) => mark.Page.GetByRole(AriaRole.Row).Filter(new() { Has = mark });

    private static ILocator RuleRow(IPage page, string rule) => RowOf(page.Locator($"[data-testid=rule-row][data-rule='{rule}']"));

    /// <summary>Moves the rule's execution for this prospect to now, in a zone where it is mid-day.</summary>
    private async Task DueNowAsync(string phone, string rule)
    {
        var zone = TestZones.Midday();
        await using var connection = await OpenAsync();
        await ScalarAsync<int>(connection, "UPDATE prospects SET time_zone = @zone WHERE phone = @phone RETURNING 1", ("zone", zone), ("phone", phone));
        await ScalarAsync<long>(connection, """
            UPDATE follow_up_executions x SET due_at = now()
            FROM follow_up_rules r, conversations c
            WHERE r.id = x.rule_id AND r.name = @rule AND c.id = x.conversation_id AND c.prospect_phone = @phone AND x.status = 'Pending'
            RETURNING x.id
            """, ("rule", rule), ("phone", phone));
    }

    private Task<NpgsqlConnection> OpenAsync() => Sql.OpenAsync(cluster);

    private static Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        Sql.ScalarAsync<T>(connection, sql, parameters);
}
