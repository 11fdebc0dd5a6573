using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

[Collection(ClusterCollection.Name)]
public class AccountTests(ConsoleCluster cluster)
{
    [Fact]
    public async Task An_admin_adds_a_member_changes_their_role_and_deactivates_them_who_then_cannot_sign_in()
    {
        var email = $"member-{Guid.NewGuid().ToString()[..8]}@browser.test";
        var admin = await cluster.NewPageAsync();
        await Operator.SignInAsync(admin, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(admin, "Demo Brokerage");
        await Operator.NavigateAsync(admin, "Users and roles", "Users and roles");

        await admin.ClickAsync("[data-testid=add-member]");
        await admin.FillAsync("[data-testid=new-member-email]", email);
        await admin.FillAsync("[data-testid=new-member-name]", "Morgan Member");
        await admin.ClickAsync("[data-testid=confirm-add-member]");
        var password = await admin.Locator("[data-testid=temporary-password] code").InnerTextAsync();
        var row = admin.Locator("[data-testid=members-grid] tr", new() { HasTextString = email });
        await Expect(row).ToBeVisibleAsync();

        // Role change through the row's drop-down.
        await row.Locator(".rz-dropdown").ClickAsync();
        await admin.Locator(".rz-dropdown-item:visible", new() { HasTextRegex = new Regex("^Manager$") }).ClickAsync();
        await Expect(admin.Locator(".rz-notification-item", new() { HasTextString = "is now Manager" })).ToBeVisibleAsync();

        // Deactivation asks first.
        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await admin.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Deactivated");

        await Operator.NavigateAsync(admin, "Audit log", "Audit log");
        await Expect(admin.Locator("[data-testid=audit-grid]")).ToContainTextAsync("member.role_changed");
        await Expect(admin.Locator("[data-testid=audit-grid]")).ToContainTextAsync("member.deactivated");

        var member = await cluster.NewPageAsync();
        await member.GotoAsync($"{cluster.NodeB.BaseUrl}/account/login");
        await member.FillAsync("#email", email);
        await member.FillAsync("#password", password);
        await member.ClickAsync("[data-testid=sign-in]");
        await Expect(member.Locator("[data-testid=login-error]")).ToContainTextAsync("not an active member");
    }

    [Fact]
    public async Task A_user_changes_their_password_from_the_user_menu_and_signs_in_with_the_new_one()
    {
        const string newPassword = "Changed-Password-9";
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        try
        {
            await ChangePasswordAsync(page, ConsoleCluster.OwnerPassword, newPassword);
            await page.GotoAsync($"{cluster.NodeB.BaseUrl}/");
            await Operator.WaitForCircuitAsync(page);
            await page.ClickAsync("[data-testid=user-menu]");
            await page.ClickAsync("[data-testid=sign-out]");
            await page.WaitForURLAsync(new Regex("/account/login"));

            await Operator.SignInAsync(page, cluster.NodeB.BaseUrl, ConsoleCluster.OwnerEmail, newPassword);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Control room");
        }
        finally
        {
            // The other tests share this account.
            await ChangePasswordAsync(page, newPassword, ConsoleCluster.OwnerPassword);
        }
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await page.ClickAsync("[data-testid=user-menu]");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Change password" }).ClickAsync();
        await page.Locator("h1", new() { HasTextString = "Change password" }).WaitForAsync();
        await page.FillAsync("#current", current);
        await page.FillAsync("#new", next);
        await page.FillAsync("#confirm", next);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-testid=password-message]")).ToContainTextAsync("was changed");
        await page.GotoAsync(new Uri(page.Url).GetLeftPart(UriPartial.Authority) + "/");
        await Operator.WaitForCircuitAsync(page);
    }
}
