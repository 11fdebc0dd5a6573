using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

[Collection(ClusterCollection.Name)]
public class ShellTests(ConsoleCluster cluster)
{
    [Fact]
    public async Task An_operator_signs_in_and_clicks_through_every_page()
    {
        var page = await cluster.NewPageAsync();
        await page.GotoAsync($"{cluster.NodeA.BaseUrl}/account/login");
        await Operator.ScreenshotAsync(page, "sign-in");

        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Control room");
        await Expect(page.Locator("[data-testid=activity-feed] li[data-action='auth.signed_in']").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=team-switcher]")).ToContainTextAsync("Demo Brokerage");
        await Operator.ScreenshotAsync(page, "control-room");

        await Operator.NavigateAsync(page, "Inbox", "Inbox");
        await Operator.NavigateAsync(page, "Prospects", "Prospects");
        await Operator.NavigateAsync(page, "Campaigns", "Campaigns");
        await Operator.NavigateAsync(page, "Reports", "Reports");
        await Operator.OpenSettingsAsync(page, "Team", "Team settings");
        await Expect(page.Locator("[data-testid=team-name]")).ToHaveValueAsync(new Regex("^Demo Brokerage"));
        await Operator.ScreenshotAsync(page, "team-settings");
        await Operator.OpenSettingsAsync(page, "Users and roles", "Users and roles");
        await Expect(page.Locator("[data-testid=members-grid]")).ToContainTextAsync(ConsoleCluster.OwnerEmail);
        await Operator.ScreenshotAsync(page, "users");
        await Operator.OpenSettingsAsync(page, "Audit log", "Audit log");
        await Expect(page.Locator("[data-testid=audit-grid]")).ToContainTextAsync("Signed in");
        await Operator.ScreenshotAsync(page, "audit-log");
        await Operator.OpenSettingsAsync(page, "All teams", "All teams");
        await Expect(page.Locator("[data-testid=teams-grid]")).ToContainTextAsync("Demo Brokerage");

        // Both console processes run the clustered scheduler on the shared database.
        await Operator.OpenSettingsAsync(page, "System", "System");
        await Expect(page.Locator("[data-testid=nodes-grid]")).ToContainTextAsync("browser-a", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-testid=nodes-grid]")).ToContainTextAsync("browser-b");
        await Expect(page.Locator("[data-testid=heartbeats-grid] td").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Operator.ScreenshotAsync(page, "system");

        await page.ClickAsync("[data-testid=user-menu]");
        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_error_and_stays_on_sign_in()
    {
        var page = await cluster.NewPageAsync();
        await page.GotoAsync($"{cluster.NodeB.BaseUrl}/account/login");

        await page.FillAsync("#email", ConsoleCluster.OwnerEmail);
        await page.FillAsync("#password", "Definitely-Wrong-1");
        await page.ClickAsync("[data-testid=sign-in]");

        await Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("not right");
        Assert.Contains("/account/login", page.Url);
    }

    [Fact]
    public async Task The_operator_is_told_when_the_connection_drops_and_the_page_recovers_when_the_node_returns()
    {
        var node = cluster.NewNode("browser-c");
        await node.StartAsync();
        var restarted = new ConsoleNode("browser-c", cluster.Database.ConnectionString, Path.GetTempPath(), node.Port);
        try
        {
            var page = await cluster.NewPageAsync();
            await Operator.SignInAsync(page, node.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
            await Expect(page.Locator("[data-testid=connection-status] .oc-conn-label-live")).ToBeVisibleAsync();

            node.Kill();

            var dialog = page.GetByTestId("reconnect-dialog");
            await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync(
                new Regex("Connection lost|Could not reconnect"), new() { UseInnerText = true });
            await Expect(page.Locator("[data-testid=connection-status] .oc-conn-label-live")).ToBeHiddenAsync();
            await Operator.ScreenshotAsync(page, "reconnecting");

            await restarted.StartAsync();
            await RecoverAsync(page);

            await Expect(page.Locator("[data-testid=connection-status] .oc-conn-label-live")).ToBeVisibleAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Control room");
        }
        finally
        {
            await restarted.DisposeAsync();
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_paused_page_says_nothing_is_sent_and_resumes_live()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeB.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Control room");

        // The .NET 10 client's pause: the server keeps the circuit's state and frees the circuit.
        Assert.True(await page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()"));

        var dialog = page.GetByTestId("reconnect-dialog");
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("This page is paused.", new() { UseInnerText = true });
        await Expect(dialog).ToContainTextAsync("Nothing is sent while it is paused", new() { UseInnerText = true });
        await Expect(page.Locator("[data-testid=connection-status] .oc-conn-label-paused")).ToBeVisibleAsync();
        await Operator.ScreenshotAsync(page, "paused");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Operator.WaitForCircuitAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Control room");
        // Live again: a sign-in elsewhere reaches the resumed page's activity feed as it happens.
        var elsewhere = await cluster.NewPageAsync();
        await Operator.SignInAsync(elsewhere, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Expect(page.Locator("[data-testid=activity-feed] li.oc-fresh[data-action='auth.signed_in']").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Dark_mode_follows_the_system_until_the_user_picks_one_and_the_choice_follows_them_to_another_browser()
    {
        var dark = await cluster.NewPageAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark });
        await Operator.SignInAsync(dark, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        try
        {
            // "Same as the system": a browser that prefers dark gets the dark console.
            await Expect(dark.Locator("body")).ToHaveCSSAsync("background-color", DarkBackground);
            await Operator.AssertAccessibleAsync(dark);
            await Operator.ScreenshotAsync(dark, "control-room-dark");

            await ChooseAppearanceAsync(dark, "light");
            await Expect(dark.Locator("body")).ToHaveCSSAsync("background-color", LightBackground);
            await dark.ReloadAsync();
            await Operator.WaitForCircuitAsync(dark);
            await Expect(dark.Locator("body")).ToHaveCSSAsync("background-color", LightBackground);

            // Remembered on the account, not in the browser: another browser opens in the chosen appearance too.
            await ChooseAppearanceAsync(dark, "dark");
            var other = await cluster.NewPageAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Light });
            await Operator.SignInAsync(other, cluster.NodeB.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
            await Expect(other.Locator("body")).ToHaveCSSAsync("background-color", DarkBackground);
        }
        finally
        {
            // Other tests sign in as the same user: leave the appearance as it was.
            await using var connection = await Sql.OpenAsync(cluster);
            await Sql.ScalarAsync<object?>(connection, "UPDATE users SET appearance = 'System' WHERE normalized_email = upper(@email) RETURNING 1",
                ("email", ConsoleCluster.OwnerEmail));
        }
    }

    [Fact]
    public async Task At_phone_width_the_navigation_is_a_drawer_and_the_account_menu_stays_reachable()
    {
        var phone = await cluster.NewPhonePageAsync();
        await Operator.SignInAsync(phone, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Expect(phone.Locator("h1")).ToHaveTextAsync("Control room");
        await Operator.AssertNoHorizontalOverflowAsync(phone);
        await Expect(phone.Locator("nav a[data-nav='Inbox']")).ToBeHiddenAsync();

        await Operator.NavigateAsync(phone, "Inbox", "Inbox");
        await Operator.AssertNoHorizontalOverflowAsync(phone);

        await phone.GetByTestId("user-menu").ClickAsync();
        await Expect(phone.GetByTestId("sign-out")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("change-password")).ToBeVisibleAsync();
        await phone.GetByTestId("sign-out").ClickAsync();
        await phone.WaitForURLAsync(new Regex("/account/login"));
    }

    private const string LightBackground = "rgb(244, 246, 251)";
    private const string DarkBackground = "rgb(11, 18, 32)";

    private static async Task ChooseAppearanceAsync(IPage page, string choice)
    {
        var button = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Appearance:") });
        await button.ClickAsync();
        await page.GetByTestId($"appearance-{choice}").ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-label", new Regex(choice, RegexOptions.IgnoreCase));
    }

    /// <summary>The client retries by itself; if it gave up meanwhile, the operator presses Retry.</summary>
    private static async Task RecoverAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (await page.Locator("[data-testid=connection-status].oc-conn-up .oc-conn-label-live").IsVisibleAsync())
            {
                return;
            }
            var retry = page.GetByTestId("reconnect-retry");
            if (await retry.IsVisibleAsync())
            {
                try
                {
                    await retry.ClickAsync(new() { Timeout = 2_000 });
                }
                catch (TimeoutException)
                {
                    // The page reloaded or reconnected under the click.
                }
            }
            await page.WaitForTimeoutAsync(500);
        }
        throw new TimeoutException("The page did not recover after the node came back.");
    }
}
