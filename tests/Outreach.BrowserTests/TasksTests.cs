using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// Tasks between two operators on two nodes: the owner adds tasks from a conversation in the inbox and gives
/// them to an agent, whose Tasks page and navigation count show them live; the agent snoozes one and finishes
/// the other (with undo), and the counts drop live on both sides. A task written straight into the table, as
/// the follow-up rules executor writes it, shows once the page loads again: the executor also publishes
/// <c>tasks.changed</c> after its insert, which is what makes its tasks appear live; this test publishes nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public class TasksTests(ConsoleCluster cluster)
{
    private const string TeamANumber = "+15122400101";
    private const string Password = "Tasks-Tests-123";

    [Fact]
    public async Task Tasks_added_from_a_conversation_reach_the_assignee_live_on_another_node_and_snooze_and_done_take_them_off_the_count()
    {
        var suffix = Random.Shared.Next(1000, 9999);
        var agentName = $"Tia Tasks {suffix}";
        var agentEmail = $"tia-{suffix}@browser.test";
        var agentId = await SeedAgentAsync(agentEmail, agentName);

        var owner = await cluster.NewPageAsync();
        await Operator.SignInAsync(owner, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(owner, "Demo Brokerage");
        var agent = await cluster.NewPageAsync();
        await Operator.SignInAsync(agent, cluster.NodeB.BaseUrl, agentEmail, Password);
        await Operator.NavigateAsync(agent, "Tasks", "Tasks");
        await Expect(agent.Locator("[data-testid=tab-Mine]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(agent.GetByTestId("task-list").Or(agent.GetByText("Nothing to do"))).ToBeVisibleAsync();
        await Operator.AssertAccessibleAsync(agent);
        var baseline = await OpenCountAsync(agent);

        // A reply arrives; the owner opens it in the inbox and adds two tasks for the agent from the pane.
        var phone = $"+1512247{suffix}";
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeA.BaseUrl, phone, TeamANumber, "Can you call me about the offer?");
        await owner.GotoAsync($"{cluster.NodeA.BaseUrl}/inbox");
        await Operator.WaitForCircuitAsync(owner);
        await owner.ClickAsync("[data-testid=tab-All]");
        await owner.Locator($"[data-testid=conversation-row][data-phone='{phone}']").ClickAsync();
        var pane = owner.Locator("[data-testid=conversation-pane][data-conversation]");
        await Expect(pane.Locator("[data-testid=conversation-tasks]")).ToContainTextAsync("No open tasks");
        var conversationId = await pane.GetAttributeAsync("data-conversation");
        var callBack = $"Call back about the offer {suffix}";
        var sendTerms = $"Send the terms {suffix}";
        await AddTaskFromPaneAsync(owner, callBack, agentName);
        await Expect(pane.Locator("[data-testid=conversation-task]", new() { HasTextString = callBack })).ToBeVisibleAsync();

        // The agent, on the other node, sees it arrive without a reload: the row, its links and the count.
        var first = TaskRow(agent, callBack);
        await Expect(first).ToBeVisibleAsync();
        await Expect(first.Locator("[data-testid=task-conversation]")).ToHaveAttributeAsync("href", $"/inbox/{conversationId}");
        await Expect(first.Locator("[data-testid=task-prospect]")).ToHaveAttributeAsync("href", new Regex("^/prospects/[0-9a-f-]{36}$"));
        await Expect(first.Locator("[data-testid=task-created-by]")).ToContainTextAsync("Demo Owner");
        await Expect(first.Locator("[data-testid=task-assignee-cell]")).ToHaveTextAsync(agentName);
        await Expect(first).ToHaveAttributeAsync("data-overdue", "false");
        await ExpectOpenCountAsync(agent, baseline + 1);

        await AddTaskFromPaneAsync(owner, sendTerms, agentName);
        var second = TaskRow(agent, sendTerms);
        await Expect(second).ToBeVisibleAsync();
        await ExpectOpenCountAsync(agent, baseline + 2);
        await Expect(pane.Locator("[data-testid=conversation-task]")).ToHaveCountAsync(2);

        // The agent snoozes the first: it leaves My tasks for Snoozed, and the count drops.
        await Operator.OpenDialogAsync(first.Locator("[data-testid=task-snooze]"));
        await agent.GetByRole(AriaRole.Dialog).GetByTestId("snooze-preset").First.ClickAsync();
        await Expect(first).ToHaveCountAsync(0);
        await ExpectOpenCountAsync(agent, baseline + 1);
        await Expect(agent.Locator("[data-testid=count-Snoozed]")).Not.ToHaveTextAsync("0");

        // Done, undone, done again; the owner's pane follows live (the snoozed task stays listed there, as snoozed).
        await second.Locator("[data-testid=task-done]").ClickAsync();
        await Expect(second).ToHaveCountAsync(0);
        await ExpectOpenCountAsync(agent, baseline);
        await agent.ClickAsync("[data-testid=task-undo-button]");
        await Expect(second).ToBeVisibleAsync();
        await ExpectOpenCountAsync(agent, baseline + 1);
        await second.Locator("[data-testid=task-done]").ClickAsync();
        await Expect(second).ToHaveCountAsync(0);
        await ExpectOpenCountAsync(agent, baseline);
        await Expect(pane.Locator("[data-testid=conversation-task]")).ToHaveCountAsync(1);
        await Expect(pane.Locator("[data-testid=conversation-task]")).ToContainTextAsync("snoozed");
        await agent.ClickAsync("[data-testid=tab-Done]");
        await Expect(TaskRow(agent, sendTerms)).ToBeVisibleAsync();
        await Expect(TaskRow(agent, sendTerms).Locator("[data-testid=task-reopen]")).ToBeVisibleAsync();

        // A task for the whole team, from the owner's Tasks page: it is everyone's until the agent takes it, and
        // the agent then hands it to the owner; each page follows the other live.
        await agent.ClickAsync("[data-testid=tab-Mine]");
        await Operator.NavigateAsync(owner, "Tasks", "Tasks");
        var teamTitle = $"Update the pipeline sheet {suffix}";
        await Operator.OpenDialogAsync(owner, "[data-testid=task-new]");
        // The editor's rules: nothing is created without a title, and the error sits beside the field.
        await Operator.AssertAccessibleAsync(owner);
        await owner.GetByRole(AriaRole.Dialog).GetByTestId("task-save").ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Say what needs doing.");
        await owner.GetByRole(AriaRole.Dialog).GetByTestId("task-title").FillAsync(teamTitle);
        await owner.GetByRole(AriaRole.Dialog).GetByTestId("task-save").ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var shared = TaskRow(agent, teamTitle);
        await Expect(shared.Locator("[data-testid=task-assignee-cell]")).ToHaveTextAsync("Whole team");
        await Expect(TaskRow(owner, teamTitle)).ToBeVisibleAsync();
        await ExpectOpenCountAsync(agent, baseline + 1);
        await shared.Locator("[data-testid=task-take]").ClickAsync();
        await Expect(shared.Locator("[data-testid=task-assignee-cell]")).ToHaveTextAsync(agentName);
        await Expect(TaskRow(owner, teamTitle)).ToHaveCountAsync(0);
        // The dialog focuses its first field as it opens: wait for that before opening the list.
        await Operator.OpenDialogAsync(shared.Locator("[data-testid=task-assign]"));
        await Operator.AssertAccessibleAsync(agent);
        await agent.GetByRole(AriaRole.Dialog).GetByTestId("task-assign-choice").ClickAsync();
        await agent.GetByRole(AriaRole.Option, new() { Name = "Demo Owner", Exact = true }).ClickAsync();
        await agent.GetByRole(AriaRole.Dialog).GetByTestId("task-assign-confirm").ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(shared).ToHaveCountAsync(0);
        await ExpectOpenCountAsync(agent, baseline);
        await Expect(TaskRow(owner, teamTitle).Locator("[data-testid=task-assignee-cell]")).ToHaveTextAsync("Demo Owner");

        // A task the rules executor wrote (inserted here with no event): shown, overdue and in red, once the page loads again.
        var ruleTitle = $"Answer the question {suffix}";
        await InsertRuleTaskAsync(agentId, conversationId!, ruleTitle, suffix);
        await agent.ReloadAsync();
        await Operator.WaitForCircuitAsync(agent);
        var ruled = TaskRow(agent, ruleTitle);
        await Expect(ruled).ToBeVisibleAsync();
        await Expect(ruled).ToHaveAttributeAsync("data-overdue", "true");
        await Expect(ruled.Locator("[data-testid=task-due]")).ToHaveClassAsync(new Regex("oc-overdue"));
        await Expect(ruled.Locator("[data-testid=task-created-by]")).ToContainTextAsync("Rule: Question unanswered");
        await Expect(agent.Locator("[data-testid=nav-tasks-overdue]")).ToBeVisibleAsync();
        await ExpectOpenCountAsync(agent, baseline + 1);
        await agent.ClickAsync("[data-testid=tab-Team]");
        await Expect(TaskRow(agent, teamTitle)).ToBeVisibleAsync();
        await Operator.AssertAccessibleAsync(agent);
        await Operator.ScreenshotAsync(agent, "tasks");
    }

    private static ILocator TaskRow(IPage page, string title) =>
        page.Locator("[data-testid=task-row]", new() { Has = page.Locator("[data-testid=task-title-cell]", new() { HasTextString = title }) });

    private static async Task AddTaskFromPaneAsync(IPage page, string title, string assignee)
    {
        await Operator.OpenDialogAsync(page, "[data-testid=conversation-pane] [data-testid=conversation-task-add]");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("task-title").FillAsync(title);
        await dialog.GetByTestId("task-assignee").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = assignee, Exact = true }).ClickAsync();
        await Expect(dialog.GetByTestId("task-assignee")).ToHaveValueAsync(assignee);
        await dialog.GetByTestId("task-save").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    private static async Task<int> OpenCountAsync(IPage page)
    {
        var badge = page.Locator("[data-testid=nav-tasks-open]");
        return await badge.CountAsync() == 0 ? 0 : int.Parse(await badge.InnerTextAsync());
    }

    private static Task ExpectOpenCountAsync(IPage page, int count) => count == 0
        ? Expect(page.Locator("[data-testid=nav-tasks-open]")).ToHaveCountAsync(0)
        : Expect(page.Locator("[data-testid=nav-tasks-open]")).ToHaveTextAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>An agent of the demo team.</summary>
    private async Task<Guid> SeedAgentAsync(string email, string name)
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), Password);
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH added AS (
                INSERT INTO users (id, display_name, is_installation_admin, created_at, user_name, normalized_user_name, email, normalized_email,
                    email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                VALUES (gen_random_uuid(), @name, false, now(), @email, upper(@email), @email, upper(@email), true, @hash,
                        gen_random_uuid()::text, gen_random_uuid()::text, false, false, true, 0)
                RETURNING id
            ),
            joined AS (
                INSERT INTO memberships (team_id, user_id, role, is_active, joined_at)
                SELECT (SELECT id FROM teams WHERE name = 'Demo Brokerage'), id, 'Agent', true, now() FROM added
            )
            SELECT id FROM added
            """, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("hash", hash);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The row the follow-up executor inserts for a "create a task" action, due half an hour ago.</summary>
    private async Task InsertRuleTaskAsync(Guid assignee, string conversationId, string title, int suffix)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO tasks (id, team_id, title, priority, due_at, assignee_user_id, conversation_id, prospect_id, status, created_at, created_by, source_key)
            SELECT gen_random_uuid(), team_id, @title, 'High', now() - interval '30 minutes', @assignee, id, prospect_id, 'Open', now(),
                   'Rule: Question unanswered', @source
            FROM conversations WHERE id = @conversation
            """, connection);
        command.Parameters.AddWithValue("title", title);
        command.Parameters.AddWithValue("assignee", assignee);
        command.Parameters.AddWithValue("conversation", Guid.Parse(conversationId));
        command.Parameters.AddWithValue("source", $"rule:browser-{suffix}:0");
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
