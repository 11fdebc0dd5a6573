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
            // The select shows what the role allows once the circuit has the new value; sending before then sends the old one.
            await Expect(admin.GetByText(RoleHelp[role])).ToBeVisibleAsync();
        }
        await admin.ClickAsync("[data-testid=confirm-add-member]");
        await Expect(admin.GetByTestId("invitations")).ToContainTextAsync(email);
    }

    /// <summary>The link in the newest invitation e-mail to <paramref name="email"/> that the cluster's mail catcher holds.</summary>
    public static async Task<string> LinkAsync(ConsoleCluster cluster, string email)
    {
        bool IsInvitation(MimeKit.MimeMessage m) =>
            m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)) && Link().IsMatch(m.TextBody ?? "");
        // The page lists an invitation only after its e-mail went out, so a resent one is already here.
        var message = cluster.Mail.Messages.LastOrDefault(IsInvitation) ?? await cluster.Mail.WaitForAsync(IsInvitation, TimeSpan.FromSeconds(15));
        return Link().Match(message.TextBody ?? "").Value;
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

    private static readonly Dictionary<string, string> RoleHelp = new()
    {
        ["Owner"] = "Everything, including budgets",
        ["Admin"] = "Team settings, users and roles",
        ["Manager"] = "Campaigns, imports, kill switches and reports.",
        ["Viewer"] = "Read only.",
    };

    [GeneratedRegex(@"https?://\S+/account/invitation/[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
