using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

[Collection(ClusterCollection.Name)]
public class AccountTests(ConsoleCluster cluster)
{
    [Fact]
    public async Task An_admin_invites_a_member_who_joins_then_changes_their_role_and_deactivates_them_who_then_cannot_sign_in()
    {
        var email = $"member-{Guid.NewGuid().ToString()[..8]}@browser.test";
        const string password = "Member-Password-1";
        var admin = await cluster.NewPageAsync();
        await Operator.SignInAsync(admin, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(admin, "Demo Brokerage");
        await Operator.NavigateAsync(admin, "Users and roles", "Users and roles");

        await Invitations.InviteAsync(admin, email);
        var joining = await cluster.NewPageAsync();
        await Invitations.AcceptWithNewPasswordAsync(joining, await Invitations.LinkAsync(cluster, email), "Morgan Member", password);
        var row = admin.Locator("[data-testid=members-grid] tr", new() { HasTextString = email });
        await Expect(row).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("invitation-row").Filter(new() { HasTextString = email })).ToHaveCountAsync(0);

        // Role change through the row's drop-down.
        await row.GetByTestId("member-role").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Manager", Exact = true }).ClickAsync();
        await Expect(admin.GetByText("Morgan Member is now Manager")).ToBeVisibleAsync();

        // Deactivation asks first, in a dialog that passes axe.
        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        var confirm = admin.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("will lose access to this team");
        await Operator.AssertAccessibleAsync(admin);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Deactivated");

        // The audit log says it in words; the codes stay in the data.
        await Operator.NavigateAsync(admin, "Audit log", "Audit log");
        await Expect(admin.GetByTestId("audit-grid")).ToContainTextAsync("Changed a member's role");
        await Expect(admin.GetByTestId("audit-grid")).ToContainTextAsync("Deactivated a member");
        await Expect(admin.Locator("[data-testid=audit-action][data-action='member.deactivated']").First).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("audit-grid")).Not.ToContainTextAsync("member.deactivated");

        var member = await cluster.NewPageAsync();
        await member.GotoAsync($"{cluster.NodeB.BaseUrl}/account/login");
        await member.FillAsync("#email", email);
        await member.FillAsync("#password", password);
        await member.ClickAsync("[data-testid=sign-in]");
        await Expect(member.Locator("[data-testid=login-error]")).ToContainTextAsync("not an active member");
        await joining.Context.CloseAsync();
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

    [Fact]
    public async Task The_sign_in_form_says_what_is_missing_under_each_field_passes_axe_and_follows_a_dark_system_scheme()
    {
        var page = await cluster.NewPageAsync();
        await page.GotoAsync($"{cluster.NodeA.BaseUrl}/account/login");
        await Operator.AssertAccessibleAsync(page);

        await page.ClickAsync("[data-testid=sign-in]");

        await Expect(page.Locator("#email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#email-error")).ToHaveTextAsync("Enter your e-mail address.");
        await Expect(page.Locator("#password-error")).ToHaveTextAsync("Enter your password.");
        await Expect(page.GetByTestId("login-error")).ToHaveCountAsync(0);
        Assert.Contains("/account/login", page.Url);
        await Operator.AssertAccessibleAsync(page);

        // Nobody is signed in yet, so the operating system's scheme decides.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.GotoAsync($"{cluster.NodeA.BaseUrl}/account/login");
        var card = page.GetByRole(AriaRole.Main);
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(11, 18, 32)", background);
        await Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Operator.AssertAccessibleAsync(page);
        await Operator.ScreenshotAsync(page, "sign-in-dark");
    }

    [Fact]
    public async Task Changing_the_password_checks_the_repeat_under_its_field_and_passes_axe()
    {
        var page = await cluster.NewPageAsync();
        await Operator.SignInAsync(page, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await OpenChangePasswordAsync(page);
        await Operator.AssertAccessibleAsync(page);

        await page.FillAsync("#current", ConsoleCluster.OwnerPassword);
        await page.FillAsync("#new", "Changed-Password-9");
        await page.FillAsync("#confirm", "Changed-Password-8");
        await page.ClickAsync("[data-testid=change-password-submit]");

        await Expect(page.Locator("#confirm-error")).ToHaveTextAsync("The two new passwords are not the same.");
        await Expect(page.Locator("#confirm")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByTestId("password-message")).ToHaveCountAsync(0);
        await Operator.AssertAccessibleAsync(page);
    }

    private static async Task OpenChangePasswordAsync(IPage page)
    {
        await page.ClickAsync("[data-testid=user-menu]");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Change password" }).ClickAsync();
        await page.Locator("h1", new() { HasTextString = "Change password" }).WaitForAsync();
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await OpenChangePasswordAsync(page);
        await page.FillAsync("#current", current);
        await page.FillAsync("#new", next);
        await page.FillAsync("#confirm", next);
        await page.ClickAsync("[data-testid=change-password-submit]");
        await Expect(page.Locator("[data-testid=password-message]")).ToContainTextAsync("was changed");
        await page.GotoAsync(new Uri(page.Url).GetLeftPart(UriPartial.Authority) + "/");
        await Operator.WaitForCircuitAsync(page);
    }
}
