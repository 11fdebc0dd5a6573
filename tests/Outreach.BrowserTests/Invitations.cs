using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>Inviting someone through the Users page, and reading the invitation e-mail the console sent.</summary>
public static partial class Invitations
{
    /// <summary>On the Users and roles page of the team to invite into.</summary>
    public static async Task InviteAsync(IPage admin, string email, string role = "Agent")
    {
        await admin.ClickAsync("[data-testid=add-member]");
        await admin.FillAsync("[data-testid=new-member-email]", email);
        if (role != "Agent")
        {
            await admin.Locator("[data-testid=new-member-role]").ClickAsync();
            await admin.GetByRole(AriaRole.Option, new() { Name = role, Exact = true }).ClickAsync();
        }
        await admin.ClickAsync("[data-testid=confirm-add-member]");
        await Expect(admin.GetByTestId("invitations")).ToContainTextAsync(email);
    }

    /// <summary>The link in the newest invitation e-mail to <paramref name="email"/>, waiting for it to be written.</summary>
    public static async Task<string> LinkAsync(ConsoleCluster cluster, string email)
    {
        var folder = Path.Combine(cluster.DataDirectory, "mail");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var newest = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml")
                    .OrderByDescending(f => f, StringComparer.Ordinal)
                    .Select(File.ReadAllText)
                    .FirstOrDefault(text => text.Contains($"To: {email}\n", StringComparison.OrdinalIgnoreCase) || text.Contains($"To: {email}\r\n", StringComparison.OrdinalIgnoreCase))
                : null;
            if (newest is not null)
            {
                return Link().Match(newest).Value;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No invitation e-mail to {email} in {folder}.");
    }

    /// <summary>Opens the link, sets a password, and waits for the console to open in the team.</summary>
    public static async Task AcceptWithNewPasswordAsync(IPage page, string link, string name, string password)
    {
        await page.GotoAsync(link);
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.FillAsync("#confirm", password);
        await page.ClickAsync("[data-testid=accept-invitation]");
        await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
        await Operator.WaitForCircuitAsync(page);
    }

    [GeneratedRegex(@"https?://\S+/account/invitation/[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
