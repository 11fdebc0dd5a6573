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
        await Expect(page.Locator("[data-testid=audit-grid]")).ToContainTextAsync("auth.signed_in");
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
