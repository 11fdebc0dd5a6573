using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Outreach.TestSupport;

namespace Outreach.BrowserTests;

/// <summary>What an operator does with the console, in Playwright terms.</summary>
public static class Operator
{
    public static async Task SignInAsync(IPage page, string baseUrl, string email, string password)
    {
        await page.GotoAsync($"{baseUrl}/");
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await WaitForCircuitAsync(page);
    }

    /// <summary>A first sign-in with a password someone else chose: the console asks for a new one before anything else.</summary>
    public static async Task SignInWithTemporaryPasswordAsync(IPage page, string baseUrl, string email, string temporary, string chosen)
    {
        await page.GotoAsync($"{baseUrl}/");
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", temporary);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync(new Regex("/account/change-password"));
        await page.FillAsync("#current", temporary);
        await page.FillAsync("#new", chosen);
        await page.FillAsync("#confirm", chosen);
        await page.ClickAsync("[data-testid=change-password-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
        await WaitForCircuitAsync(page);
    }

    /// <summary>Interactive handlers exist only once the circuit is up; clicks before that are lost.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-testid=connection-status].oc-conn-up").WaitForAsync();

    public static async Task NavigateAsync(IPage page, string menuText, string heading)
    {
        var link = page.Locator($"nav a[data-nav='{menuText}']");
        // At phone width the navigation is a drawer behind the menu button. Its state attribute can say "open"
        // while the responsive drawer is still hidden, and it slides: press the button until the link shows.
        var toggle = page.GetByTestId("nav-toggle");
        for (var attempt = 0; page.ViewportSize is { Width: < 960 } && attempt < 3 && !await link.IsVisibleAsync(); attempt++)
        {
            await toggle.ClickAsync();
            try
            {
                await link.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
            }
        }
        await link.ClickAsync();
        await page.Locator("h1", new() { HasTextString = heading }).WaitForAsync();
    }

    /// <summary>
    /// Opens a dialog and waits until its first field has the focus (the dialog gives it as it opens): text typed
    /// before then would land on the page behind it.
    /// </summary>
    public static async Task OpenDialogAsync(ILocator opener)
    {
        await opener.ClickAsync();
        await opener.Page.WaitForFunctionAsync("() => document.activeElement?.closest('[role=dialog]') != null");
    }

    public static Task OpenDialogAsync(IPage page, string opener) => OpenDialogAsync(page.Locator(opener));

    public static Task OpenSettingsAsync(IPage page, string item, string heading) => NavigateAsync(page, item, heading);

    /// <summary>
    /// Runs axe on the page as it is now and fails on any serious or critical violation, naming each rule and the
    /// elements that break it.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        // A toast or a dialog still fading in has colours between two states: judge the page once it has settled.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, "Accessibility violations on " + page.Url + ":\n" + string.Join("\n", serious.Select(v =>
            $"  {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>Sign-in reopens the team used last; this makes sure the page works in the one wanted.</summary>
    public static async Task SwitchTeamAsync(IPage page, string team)
    {
        var switcher = page.Locator("[data-testid=team-switcher]");
        if ((await switcher.InnerTextAsync()).Contains(team, StringComparison.Ordinal))
        {
            return;
        }
        await switcher.ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = team }).ClickAsync();
        await page.Locator("[data-testid=team-switcher]", new() { HasTextString = team }).WaitForAsync();
        await WaitForCircuitAsync(page);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.WaitForTimeoutAsync(300); // let transitions finish
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    /// <summary>Nothing on the page is wider than the window: no sideways scrolling on a phone.</summary>
    public static async Task AssertNoHorizontalOverflowAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide in a {widths[1]} px window");
    }
}
