using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// The live inbox with three people at once: two operators of one team on different nodes, and one of
/// another team. Replies arrive through signed webhooks; each operator sees their own team's, live; what
/// one operator does (assign, move, done) shows up for the other without a reload; the keyboard works;
/// presence shows who else is looking; a reply the guardrails refuse shows why and sends nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public class InboxTests(ConsoleCluster cluster)
{
    private const string TeamANumber = "+15122400101";
    private const string Password = "Inbox-Tests-123";

    [Fact]
    public async Task Two_operators_triage_the_same_inbox_live_and_another_team_sees_none_of_it()
    {
        var suffix = Random.Shared.Next(1000, 9999);
        var agentEmail = $"ana-{suffix}@browser.test";
        var rivalEmail = $"rex-{suffix}@browser.test";
        var rivalNumber = $"+1512249{suffix}";
        await SeedAsync(agentEmail, "Ana Agent", rivalEmail, rivalNumber, $"Rival Realty {suffix}");

        var owner = await cluster.NewPageAsync();
        await Operator.SignInAsync(owner, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(owner, "Demo Brokerage");
        var agent = await cluster.NewPageAsync();
        await Operator.SignInAsync(agent, cluster.NodeB.BaseUrl, agentEmail, Password);
        var rival = await cluster.NewPageAsync();
        await Operator.SignInAsync(rival, cluster.NodeA.BaseUrl, rivalEmail, Password);
        foreach (var page in new[] { owner, agent, rival })
        {
            await OpenInboxAsync(page);
        }

        // A hot reply to team A's number, posted to node B: both of team A see it, live; team B does not.
        var hot = $"+1512241{suffix}";
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeB.BaseUrl, hot, TeamANumber, "Yes I'm interested, what would you pay?");
        var ownerRow = Row(owner, hot);
        var agentRow = Row(agent, hot);
        await Expect(ownerRow).ToContainTextAsync("Interested");
        await Expect(agentRow).ToContainTextAsync("what would you pay");
        await Expect(agentRow.Locator("[data-testid=row-unread]")).ToBeVisibleAsync();
        // And the reverse: a reply to team B's number reaches only team B.
        var rivalsProspect = $"+1512242{suffix}";
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeA.BaseUrl, rivalsProspect, rivalNumber, "Call me tomorrow");
        await Expect(Row(rival, rivalsProspect)).ToBeVisibleAsync();
        // Absence is only proof once a later event has visibly reached the same page: another reply to team A,
        // posted after team B's, shows on team A's pages, so team B's would have arrived by then too.
        var later = $"+1512244{suffix}";
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeA.BaseUrl, later, TeamANumber, "Who is this?");
        await Expect(Row(owner, later)).ToBeVisibleAsync();
        await Expect(Row(agent, later)).ToBeVisibleAsync();
        await Expect(Row(owner, rivalsProspect)).ToHaveCountAsync(0);
        await Expect(Row(agent, rivalsProspect)).ToHaveCountAsync(0);
        await Expect(Row(rival, hot)).ToHaveCountAsync(0);
        await Expect(Row(rival, later)).ToHaveCountAsync(0);

        // Both open it; each sees the other.
        await ownerRow.ClickAsync();
        await Expect(owner.Locator("[data-testid=conversation-pane] [data-testid=thread]")).ToContainTextAsync("what would you pay");
        await agentRow.ClickAsync();
        await Expect(agent.Locator("[data-testid=presence]")).ToContainTextAsync("Demo Owner");
        await Expect(owner.Locator("[data-testid=presence]")).ToContainTextAsync("Ana Agent");
        await Expect(agent.Locator("[data-testid=suggestions]")).ToBeVisibleAsync();
        await Expect(agent.Locator("[data-testid=history]")).ToContainTextAsync("Filed under Hot responses by the classifier");
        await Operator.ScreenshotAsync(agent, "inbox");

        // The owner assigns it to themself and moves it with a reason; the agent sees both at once, and the
        // reply the agent had started is still there.
        var draft = agent.Locator("[data-testid=conversation-pane] [data-testid=compose]");
        await draft.FillAsync("Thanks! Quick question before I");
        await owner.ClickAsync("[data-testid=assign-me]");
        await Expect(agent.Locator("[data-testid=pane-assignee]")).ToHaveTextAsync("Demo Owner");
        await Operator.OpenDialogAsync(owner, "[data-testid=move]");
        var move = owner.GetByRole(AriaRole.Dialog);
        await move.GetByRole(AriaRole.Radio, new() { Name = "Objections", Exact = true }).CheckAsync();
        await move.GetByTestId("move-reason").FillAsync("Wants a price first");
        await move.GetByTestId("move-confirm").ClickAsync();
        await Expect(move.GetByTestId("move-bucket-error")).ToHaveCountAsync(0);
        await Expect(owner.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(agent.Locator("[data-testid=pane-bucket]")).ToHaveTextAsync("Objections");
        await Expect(agent.Locator("[data-testid=history]")).ToContainTextAsync("Wants a price first");
        await Expect(agent.Locator("[data-testid=history]")).ToContainTextAsync("Moved from Hot responses to Objections");
        await Expect(agent.Locator("[data-testid=history]")).ToContainTextAsync("Demo Owner");
        await Expect(agent.Locator("[data-testid=count-Objections]")).Not.ToHaveTextAsync("0");
        await Expect(draft).ToHaveValueAsync("Thanks! Quick question before I");

        // The agent's keyboard: help, then "a" takes it over and "e" marks it done; the owner sees it done.
        await agent.Locator("h1").ClickAsync();
        await agent.Keyboard.PressAsync("?");
        await Expect(agent.GetByRole(AriaRole.Dialog).GetByTestId("shortcut-help")).ToBeVisibleAsync();
        // As the dialog opens the focus moves into it; Escape closes it from there.
        await agent.WaitForFunctionAsync("() => document.activeElement?.closest('[role=dialog]') != null");
        await agent.Keyboard.PressAsync("Escape");
        await Expect(agent.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await agent.Keyboard.PressAsync("a");
        await Expect(owner.Locator("[data-testid=pane-assignee]")).ToHaveTextAsync("Ana Agent");
        await agent.Keyboard.PressAsync("e");
        await Expect(owner.Locator("[data-testid=pane-status]")).ToHaveTextAsync("Done");
        await Expect(owner.Locator("[data-testid=history]")).ToContainTextAsync("Marked done");

        // j/k move the highlight through the list and Enter opens it.
        await OpenInboxAsync(owner);
        await owner.Locator("h1").ClickAsync();
        await owner.Keyboard.PressAsync("j");
        var cursor = owner.Locator("[data-testid=conversation-row][data-cursor=true]");
        await Expect(cursor).ToHaveCountAsync(1);
        var first = await cursor.GetAttributeAsync("data-conversation");
        await owner.Keyboard.PressAsync("j");
        await Expect(cursor).Not.ToHaveAttributeAsync("data-conversation", first!);
        await owner.Keyboard.PressAsync("k");
        await Expect(cursor).ToHaveAttributeAsync("data-conversation", first!);
        var highlighted = await cursor.GetAttributeAsync("data-conversation");
        await owner.Keyboard.PressAsync("Enter");
        await Expect(owner.Locator($"[data-testid=conversation-pane][data-conversation='{highlighted}']")).ToBeVisibleAsync();

        // An opted-out sender: the reply is refused by the guardrails, with the reason, and nothing is queued.
        var stopper = $"+1512243{suffix}";
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeB.BaseUrl, stopper, TeamANumber, "STOP");
        await Row(agent, stopper).ClickAsync();
        await Expect(agent.Locator("[data-testid=pane-bucket]")).ToHaveTextAsync("Do not contact");
        await agent.FillAsync("[data-testid=conversation-pane] [data-testid=compose]", "Sorry to bother you, one last thing");
        await agent.ClickAsync("[data-testid=conversation-pane] [data-testid=send]");
        await Expect(agent.Locator("[data-testid=send-result]")).ToContainTextAsync("Not sent");
        await Expect(agent.Locator("[data-testid=send-result]")).ToContainTextAsync("do-not-contact");
        await Expect(agent.Locator("[data-testid=conversation-pane] .oc-bubble-outbound")).ToHaveCountAsync(0);
        await Expect(agent.Locator("[data-testid=compose]")).ToHaveValueAsync("Sorry to bother you, one last thing");
    }

    [Fact]
    public async Task An_operator_uses_a_saved_reply_snoozes_labels_a_selection_and_reads_it_all_in_dark_mode_too()
    {
        var suffix = Random.Shared.Next(1000, 9999);
        var owner = await cluster.NewPageAsync();
        await Operator.SignInAsync(owner, cluster.NodeB.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(owner, "Demo Brokerage");

        // A saved reply with a variable and its fallback (Settings > Saved replies makes them; its own tests cover that page).
        var replyName = $"Price question {suffix}";
        await SeedSavedReplyAsync(replyName, "Hi {{firstName|there}}, happy to talk numbers on a call.");

        // Two replies; the saved reply goes into the composer rendered for the sender, nothing is sent.
        var first = $"+1512245{suffix}";
        var second = $"+1512246{suffix}";
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeA.BaseUrl, first, TeamANumber, "How much would you pay?");
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeA.BaseUrl, second, TeamANumber, "Maybe later this year");
        await OpenInboxAsync(owner);
        await Row(owner, first).ClickAsync();
        await Expect(owner.Locator("[data-testid=conversation-pane] [data-testid=thread]")).ToContainTextAsync("How much would you pay?");
        await Expect(owner.Locator("[data-testid=conversation-pane] [data-testid=history]")).ToContainTextAsync("by the classifier");
        await Operator.AssertAccessibleAsync(owner);
        await owner.Locator("[data-testid=conversation-pane] [data-testid=template-picker]").ClickAsync();
        await owner.GetByRole(AriaRole.Menuitem, new() { Name = replyName }).ClickAsync();
        await Expect(owner.Locator("[data-testid=conversation-pane] [data-testid=compose]")).ToHaveValueAsync("Hi there, happy to talk numbers on a call.");
        await Expect(owner.Locator("[data-testid=conversation-pane] .oc-bubble-outbound")).ToHaveCountAsync(0);

        // Snooze from the pane with a preset: it leaves the open tabs for Snoozed.
        await Operator.OpenDialogAsync(owner, "[data-testid=conversation-pane] [data-testid=snooze]");
        await Operator.AssertAccessibleAsync(owner);
        await owner.GetByRole(AriaRole.Dialog).GetByTestId("snooze-preset").First.ClickAsync();
        await Expect(owner.Locator("[data-testid=pane-status]")).ToHaveTextAsync("Snoozed");
        await Expect(owner.Locator("[data-testid=history]")).ToContainTextAsync("Snoozed until");
        // The chip, the list and the history agree on the snooze's end, in the team's zone, 24-hour: never "just now".
        var chip = owner.Locator("[data-testid=pane-snoozed-until]");
        await Expect(chip).ToHaveTextAsync(new Regex(@"^until (\w{3} \w{3} \d{1,2}, )?\d{2}:\d{2}$"));
        var until = (await chip.TextContentAsync())!["until ".Length..];
        await Expect(owner.Locator("[data-testid=history]")).ToContainTextAsync($"Snoozed until {until}");
        await Expect(Row(owner, first).Locator("[data-testid=row-snoozed]")).ToHaveTextAsync($"Snoozed until {until}");

        // A selection labelled in bulk; the label shows on both rows and becomes a filter.
        await Row(owner, first).Locator("[data-testid=row-select]").CheckAsync();
        await Row(owner, second).Locator("[data-testid=row-select]").CheckAsync();
        await Expect(owner.Locator("[data-testid=inbox-bulkbar]")).ToContainTextAsync("2 selected");
        await Operator.OpenDialogAsync(owner, "[data-testid=bulk-label]");
        await owner.GetByRole(AriaRole.Dialog).GetByTestId("tag-input").FillAsync($"callback-{suffix}");
        await owner.GetByRole(AriaRole.Dialog).GetByTestId("tag-confirm").ClickAsync();
        await Expect(Row(owner, first)).ToContainTextAsync($"callback-{suffix}");
        await Expect(Row(owner, second)).ToContainTextAsync($"callback-{suffix}");
        await Expect(owner.Locator("[data-testid=inbox-bulkbar]")).ToHaveCountAsync(0);

        await Expect(owner.GetByText("2 of 2 conversations changed.")).ToBeVisibleAsync();
        await Expect(owner.GetByText("2 of 2 conversations changed.")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

        // The same inbox in dark mode: readable (axe checks the contrast) and nothing white on white.
        await owner.Locator("[data-testid=appearance-button]").ClickAsync();
        await owner.Locator("[data-testid=appearance-dark]").ClickAsync();
        try
        {
            await owner.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor === 'rgb(11, 18, 32)'");
            await Row(owner, second).ClickAsync();
            await Expect(owner.Locator("[data-testid=conversation-pane] [data-testid=thread]")).ToContainTextAsync("Maybe later this year");
            await Operator.ScreenshotAsync(owner, "inbox-dark");
            await Operator.AssertAccessibleAsync(owner);
        }
        finally
        {
            // The choice is remembered for the user: give the other tests their usual appearance back.
            await owner.Locator("[data-testid=appearance-button]").ClickAsync();
            await owner.Locator("[data-testid=appearance-system]").ClickAsync();
        }
    }

    [Fact]
    public async Task A_prospect_we_only_wrote_to_stays_out_of_the_inbox_and_joins_it_live_with_a_hot_first_reply()
    {
        var suffix = Random.Shared.Next(1000, 9999);
        var contacted = $"+1512247{suffix}";
        await SeedSentAsync(contacted, "Hi, would you consider selling your business?");
        var owner = await cluster.NewPageAsync();
        await Operator.SignInAsync(owner, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(owner, "Demo Brokerage");
        await OpenInboxAsync(owner);

        // Absence is proof once a later reply has visibly reached the page.
        var other = $"+1512248{suffix}";
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeA.BaseUrl, other, TeamANumber, "Who is this?");
        await Expect(Row(owner, other)).ToBeVisibleAsync();
        await Expect(Row(owner, contacted)).ToHaveCountAsync(0);

        // The tour's reply: it enters the inbox the moment it arrives, as a hot interested lead.
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeB.BaseUrl, contacted, TeamANumber, "I might be. Call me");
        await Expect(Row(owner, contacted).Locator("[data-testid=row-classification]")).ToContainTextAsync("Interested");
        await Expect(Row(owner, contacted).Locator("[data-testid=row-priority]")).ToHaveTextAsync("Hot");
        await Expect(Row(owner, contacted).Locator("[data-testid=row-bucket]")).ToHaveTextAsync("Hot responses");
    }

    [Fact]
    public async Task A_search_runs_as_the_operator_types_looks_in_every_tab_and_the_tab_counts_show_where_the_matches_are()
    {
        var suffix = Random.Shared.Next(1000, 9999);
        var word = $"lighthouse{suffix}";
        var hot = $"+1512251{suffix}";
        var objection = $"+1512252{suffix}";
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeA.BaseUrl, hot, TeamANumber, $"Yes I'm interested, the {word} is for sale");
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeB.BaseUrl, objection, TeamANumber, $"Not interested, the {word} stays in the family");
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeA.BaseUrl, $"+1512254{suffix}", TeamANumber, "Who is this?");
        var owner = await cluster.NewPageAsync();
        await Operator.SignInAsync(owner, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(owner, "Demo Brokerage");
        await owner.GotoAsync($"{cluster.NodeA.BaseUrl}/inbox");
        await Operator.WaitForCircuitAsync(owner);
        await Expect(owner.Locator("[data-testid=tab-HotResponses]")).ToHaveAttributeAsync("aria-selected", "true");
        var search = owner.Locator("[data-testid=inbox-search]");

        // Typing is enough (no Enter): the search opens every tab, and each count is the number of matches in it.
        await search.PressSequentiallyAsync(word, new() { Delay = 20 });
        await Expect(owner.Locator("[data-testid=tab-All]")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(owner.Locator("[data-testid=count-All]")).ToHaveTextAsync("2");
        await Expect(owner.Locator("[data-testid=count-HotResponses]")).ToHaveTextAsync("1");
        await Expect(owner.Locator("[data-testid=count-Objections]")).ToHaveTextAsync("1");
        await Expect(owner.Locator("[data-testid=count-Unassigned]")).ToHaveTextAsync("2");
        await Expect(owner.Locator("[data-testid=count-Done]")).ToHaveTextAsync("0");
        await Expect(owner.Locator("[data-testid=search-scope]")).ToContainTextAsync("2 matches in every tab");
        await Expect(owner.Locator("[data-testid=conversation-row]")).ToHaveCountAsync(2);
        await Expect(Row(owner, hot).Locator("[data-testid=row-bucket]")).ToHaveTextAsync("Hot responses");
        await Expect(Row(owner, objection).Locator("[data-testid=row-bucket]")).ToHaveTextAsync("Objections");

        // Clearing it goes back to the tab the operator was on, with the team's counts.
        await search.FillAsync("");
        await Expect(owner.Locator("[data-testid=tab-HotResponses]")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(owner.Locator("[data-testid=count-All]")).Not.ToHaveTextAsync("2");
        await Expect(owner.Locator("[data-testid=search-scope]")).ToHaveCountAsync(0);

        // A tab picked while searching narrows the matches to it; the counts keep showing the others.
        await search.FillAsync(word);
        await Expect(owner.Locator("[data-testid=count-All]")).ToHaveTextAsync("2");
        await owner.ClickAsync("[data-testid=tab-Objections]");
        await Expect(owner.Locator("[data-testid=conversation-row]")).ToHaveCountAsync(1);
        await Expect(Row(owner, objection)).ToBeVisibleAsync();
        await Expect(owner.Locator("[data-testid=count-HotResponses]")).ToHaveTextAsync("1");
        await Expect(owner.Locator("[data-testid=search-scope]")).ToContainTextAsync("showing Objections");

        // A filter narrows the counts the same way, from the filter menu; its chip takes it off again.
        await owner.ClickAsync("[data-testid=tab-All]");
        await owner.ClickAsync("[data-testid=inbox-filters]");
        await owner.Locator("[data-testid=filter-overdue]").ClickAsync();
        await Expect(owner.Locator("[data-testid=count-All]")).ToHaveTextAsync("0");
        await owner.ClickAsync("[data-testid=filters-done]");
        await Expect(owner.Locator("[data-testid=filter-chip]")).ToContainTextAsync("Past the response target");
        await Expect(owner.Locator("[data-testid=inbox-filter-panel]")).ToHaveCountAsync(0);
        await AssertNoHorizontalOverflowAsync(owner);
    }

    [Fact]
    public async Task On_a_phone_an_operator_taps_a_reply_answers_it_closes_it_and_comes_back_to_the_list()
    {
        var suffix = Random.Shared.Next(1000, 9999);
        var phone = $"+1512253{suffix}";
        await SignedWebhooks.PostReplyAsync(cluster, cluster.NodeA.BaseUrl, phone, TeamANumber, "Yes, call me after lunch please");
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeB.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(page, "Demo Brokerage");
        await page.SetViewportSizeAsync(390, 844);
        await OpenInboxAsync(page);

        // The list fills the screen; nothing is wider than it.
        var row = Row(page, phone);
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=conversation-pane]")).ToHaveCountAsync(0);
        await AssertNoHorizontalOverflowAsync(page);

        // Tapping shows the conversation in place of the list, with the composer on screen and a way back.
        await row.Locator("[data-testid=row-open]").ClickAsync();
        var pane = page.Locator("[data-testid=conversation-pane]");
        await Expect(pane.Locator("[data-testid=thread]")).ToContainTextAsync("call me after lunch");
        await Expect(page.Locator("[data-testid=conversation-list]")).Not.ToBeVisibleAsync();
        await Expect(pane.Locator("[data-testid=compose]")).ToBeInViewportAsync();
        await Expect(pane.Locator("[data-testid=back-to-list]")).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await Operator.ScreenshotAsync(page, "inbox-phone");

        // Answer, then close it.
        await pane.Locator("[data-testid=compose]").FillAsync("Will do, talk at 2");
        await pane.Locator("[data-testid=send]").ClickAsync();
        await Expect(pane.Locator("[data-testid=message]")).ToHaveCountAsync(2);
        await Expect(pane.Locator("[data-testid=compose]")).ToHaveValueAsync("");
        await pane.Locator("[data-testid=done]").ClickAsync();
        await Expect(pane.Locator("[data-testid=pane-status]")).ToHaveTextAsync("Done");
        await AssertNoHorizontalOverflowAsync(page);

        // Back to the list, where the row now says it is done.
        await pane.Locator("[data-testid=back-to-list]").ClickAsync();
        await Expect(page.Locator("[data-testid=conversation-list]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=conversation-pane]")).ToHaveCountAsync(0);
        await Expect(row.Locator("[data-testid=row-status]")).ToHaveTextAsync("Done");
        await Expect(row).ToBeInViewportAsync();
        await AssertNoHorizontalOverflowAsync(page);
    }

    /// <summary>Nothing on the page is wider than the window (no sideways scrolling on a phone).</summary>
    private static async Task AssertNoHorizontalOverflowAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth, $"The page is {scrollWidth} px wide in a {innerWidth} px window at {page.Url}.");
    }

    private static ILocator Row(IPage page, string phone) => page.Locator($"[data-testid=conversation-row][data-phone='{phone}']");

    /// <summary>Every tab, so that a conversation is listed whichever bucket the classifier files it under.</summary>
    private static async Task OpenInboxAsync(IPage page)
    {
        await page.GotoAsync(new Uri(page.Url).GetLeftPart(UriPartial.Authority) + "/inbox");
        await Operator.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=tab-All]");
        await Expect(page.Locator("[data-testid=tab-All]")).ToHaveAttributeAsync("aria-selected", "true");
    }

    private async Task SeedSavedReplyAsync(string name, string body)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO reply_templates (id, team_id, name, body, updated_at)
            SELECT gen_random_uuid(), id, @name, @body, now() FROM teams WHERE name = 'Demo Brokerage'
            """, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("body", body);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>What a campaign send leaves behind: a prospect of the demo team and a conversation holding only our message.</summary>
    private async Task SeedSentAsync(string phone, string body)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH demo AS (SELECT id FROM teams WHERE name = 'Demo Brokerage'),
            number AS (SELECT id FROM sending_numbers WHERE number = @number),
            prospect AS (
                INSERT INTO prospects (id, team_id, phone, time_zone, tags, custom_fields, status, engagement_score, do_not_contact,
                                       email_verified, is_owner_or_executive, created_at, updated_at)
                SELECT gen_random_uuid(), demo.id, @phone, 'America/Chicago', ARRAY['campaign'], '{}', 'Contacted', 0, false, false, false, now(), now()
                FROM demo
                RETURNING id, team_id
            ),
            conversation AS (
                INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority,
                                           unread_count, last_message_preview, last_message_at, last_outbound_at, created_at)
                SELECT gen_random_uuid(), prospect.team_id, prospect.id, number.id, @phone, 'Open', 'Other', 'Cold', 0, @body, now(), now(), now()
                FROM prospect, number
                RETURNING id, team_id
            )
            INSERT INTO messages (id, team_id, conversation_id, direction, source, body, "from", "to", status, provider, segments, attempts,
                                  created_at, status_updated_at)
            SELECT gen_random_uuid(), team_id, id, 'Outbound', 'Campaign', @body, @number, @phone, 'Delivered', 'simulator', 1, 1, now(), now()
            FROM conversation
            """, connection);
        command.Parameters.AddWithValue("number", TeamANumber);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.AddWithValue("body", body);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>A second member of the demo team, and a rival team with its own member and number.</summary>
    private async Task SeedAsync(string agentEmail, string agentName, string rivalEmail, string rivalNumber, string rivalTeam)
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), Password);
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH demo AS (SELECT id FROM teams WHERE name = 'Demo Brokerage'),
            rival AS (
                INSERT INTO teams (id, name, slug, time_zone, created_at)
                VALUES (gen_random_uuid(), @rival_team, lower(replace(@rival_team, ' ', '-')), 'America/Chicago', now()) RETURNING id
            ),
            settings AS (
                INSERT INTO messaging_settings (team_id, sending_paused, quiet_hours_start, quiet_hours_end, auto_reply_enabled,
                    auto_reply_threshold, max_concurrent_sends, classification_profile, updated_at)
                SELECT id, false, '09:00', '20:00', false, 70, 10, '{}', now() FROM rival
            ),
            number AS (
                INSERT INTO sending_numbers (id, team_id, number, provider, is_active, next_slot_at, created_at)
                SELECT gen_random_uuid(), id, @rival_number, 'simulator', true, now(), now() FROM rival
            ),
            users_added AS (
                INSERT INTO users (id, display_name, is_installation_admin, created_at, user_name, normalized_user_name, email, normalized_email,
                    email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                SELECT gen_random_uuid(), name, false, now(), email, upper(email), email, upper(email), true, @hash,
                       gen_random_uuid()::text, gen_random_uuid()::text, false, false, true, 0
                FROM (VALUES (@agent_name, @agent_email), ('Rex Rival', @rival_email)) AS u(name, email)
                RETURNING id, email
            )
            INSERT INTO memberships (team_id, user_id, role, is_active, joined_at)
            SELECT CASE WHEN u.email = @agent_email THEN (SELECT id FROM demo) ELSE (SELECT id FROM rival) END, u.id, 'Agent', true, now()
            FROM users_added u
            """, connection);
        command.Parameters.AddWithValue("rival_team", rivalTeam);
        command.Parameters.AddWithValue("rival_number", rivalNumber);
        command.Parameters.AddWithValue("agent_name", agentName);
        command.Parameters.AddWithValue("agent_email", agentEmail);
        command.Parameters.AddWithValue("rival_email", rivalEmail);
        command.Parameters.AddWithValue("hash", hash);
        await command.ExecuteNonQueryAsync();
    }
}
