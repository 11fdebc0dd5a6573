using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// Password reset by e-mail, the first-sign-in password change, and sessions that end on every node: each test
/// has its own member of the demo team, so that ending their sessions touches nobody else's.
/// </summary>
[Collection(ClusterCollection.Name)]
public partial class SessionTests(ConsoleCluster cluster)
{
    private const string Password = "Session-Tests-1";

    [Fact]
    public async Task A_member_deactivated_on_one_node_loses_the_console_open_on_the_other_at_once()
    {
        var (email, _) = await CreateMemberAsync("Dana Doe");
        var member = await cluster.NewPageAsync();
        await Operator.SignInAsync(member, cluster.NodeB.BaseUrl, email, Password);
        await Operator.NavigateAsync(member, "Prospects", "Prospects");

        var admin = await cluster.NewPageAsync();
        await Operator.SignInAsync(admin, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(admin, "Demo Brokerage");
        await Operator.NavigateAsync(admin, "Users and roles", "Users and roles");
        var row = admin.Locator("[data-testid=members-grid] tr", new() { HasTextString = email });
        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync();
        var deactivated = Stopwatch.StartNew();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();

        // Node B heard it from node A through the database and sent the open console to sign-in, at once rather
        // than at the minute's check (the wait gives up after 15 s; how long it took is printed, not asserted).
        await member.WaitForURLAsync(new Regex("/account/login"));
        Console.WriteLine($"Deactivated on node A to sign-in on node B: {deactivated.ElapsedMilliseconds} ms (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        await Expect(row).ToContainTextAsync("Deactivated");
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // The circuit lost its member before it sent the browser away, so anything the page still tried was refused
        // (AccountSessionsTests shows a circuit without a member being refused by the service itself).
        // And the cookie itself no longer opens anything.
        await member.GotoAsync($"{cluster.NodeB.BaseUrl}/prospects");
        await member.WaitForURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task Signing_out_everywhere_in_one_browser_ends_the_session_of_the_other_browser()
    {
        var (email, _) = await CreateMemberAsync("Sam Everywhere");
        var laptop = await cluster.NewPageAsync();
        await Operator.SignInAsync(laptop, cluster.NodeA.BaseUrl, email, Password);
        var phone = await cluster.NewPhonePageAsync();
        await Operator.SignInAsync(phone, cluster.NodeB.BaseUrl, email, Password);

        await laptop.ClickAsync("[data-testid=user-menu]");
        await laptop.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out everywhere" }).ClickAsync();
        var confirm = laptop.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("signed out within a minute");
        await Operator.AssertAccessibleAsync(laptop);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();

        await laptop.WaitForURLAsync(new Regex("/account/login"));
        await phone.WaitForURLAsync(new Regex("/account/login"));
        // The phone's cookie is refused too, not only its open page.
        await phone.GotoAsync($"{cluster.NodeB.BaseUrl}/inbox");
        await phone.WaitForURLAsync(new Regex("/account/login"));

        await Operator.SignInAsync(laptop, cluster.NodeA.BaseUrl, email, Password);
        await Expect(laptop.Locator("h1")).ToHaveTextAsync("Control room");
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_e_mailed_link_which_works_once_and_ends_other_sessions()
    {
        var (email, _) = await CreateMemberAsync("Rita Reset");
        var unknown = $"nobody-{Guid.NewGuid():N}@browser.test";
        var elsewhere = await cluster.NewPageAsync();
        await Operator.SignInAsync(elsewhere, cluster.NodeB.BaseUrl, email, Password);

        var page = await cluster.NewPageAsync();
        await page.GotoAsync($"{cluster.NodeA.BaseUrl}/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot password?" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forgot password" })).ToBeVisibleAsync();
        await Operator.AssertAccessibleAsync(page);

        // An address without an account gets the same answer, and no e-mail.
        await page.FillAsync("#email", unknown);
        await page.ClickAsync("[data-testid=send-reset-link]");
        var answerForUnknown = await page.GetByTestId("reset-sent").InnerTextAsync();
        await page.GotoAsync($"{cluster.NodeA.BaseUrl}/account/forgot-password");
        await page.FillAsync("#email", email);
        await page.ClickAsync("[data-testid=send-reset-link]");
        var answerForMember = await page.GetByTestId("reset-sent").InnerTextAsync();
        Assert.Equal(answerForUnknown.Replace(unknown, "ADDRESS"), answerForMember.Replace(email, "ADDRESS"));

        var mail = await cluster.Mail.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email), TimeSpan.FromSeconds(30));
        // Requests are sent one after another, so the unknown address's turn has passed.
        Assert.DoesNotContain(cluster.Mail.Messages, m => m.To.Mailboxes.Any(a => a.Address == unknown));
        var link = ResetLink().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith($"{cluster.NodeA.BaseUrl}/account/reset-password?", link);

        await page.GotoAsync(link);
        await Expect(page.GetByText("At least 10 characters")).ToBeVisibleAsync();
        await page.FillAsync("#new", "short");
        await page.FillAsync("#confirm", "short");
        await page.ClickAsync("[data-testid=reset-submit]");
        await Expect(page.GetByTestId("reset-refused")).ToContainTextAsync("at least 10 characters");
        await Operator.AssertAccessibleAsync(page);
        const string newPassword = "Reset-Password-7";
        await page.FillAsync("#new", newPassword);
        await page.FillAsync("#confirm", newPassword);
        await page.ClickAsync("[data-testid=reset-submit]");
        await Expect(page.GetByTestId("reset-done")).ToBeVisibleAsync();

        // The session in the other browser ended with the reset.
        await elsewhere.WaitForURLAsync(new Regex("/account/login"));

        var old = await cluster.NewPageAsync();
        await old.GotoAsync($"{cluster.NodeB.BaseUrl}/account/login");
        await old.FillAsync("#email", email);
        await old.FillAsync("#password", Password);
        await old.ClickAsync("[data-testid=sign-in]");
        await Expect(old.GetByTestId("login-error")).ToContainTextAsync("not right");

        await page.GetByTestId("reset-sign-in").ClickAsync();
        await Operator.SignInAsync(page, cluster.NodeB.BaseUrl, email, newPassword);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Control room");

        var again = await cluster.NewPageAsync();
        await again.GotoAsync(link);
        await Expect(again.GetByTestId("reset-error")).ToContainTextAsync("expired or was already used");
        await Expect(again.Locator("#new")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_password_someone_else_chose_must_be_changed_before_any_page_even_a_deep_link_opens()
    {
        var (email, userId) = await CreateMemberAsync("Max Mustchange", mustChangePassword: true);
        var page = await cluster.NewPageAsync();
        await page.GotoAsync($"{cluster.NodeB.BaseUrl}/prospects");
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("[data-testid=sign-in]");

        await page.WaitForURLAsync(new Regex("/account/change-password\\?ReturnUrl=%2Fprospects"));
        await Expect(page.GetByTestId("must-change-password")).ToBeVisibleAsync();
        await Operator.AssertAccessibleAsync(page);

        // Any other address, on either node, comes back here.
        await page.GotoAsync($"{cluster.NodeA.BaseUrl}/settings/suppression");
        await page.WaitForURLAsync(new Regex("/account/change-password\\?ReturnUrl=%2Fsettings%2Fsuppression"));
        await page.GotoAsync($"{cluster.NodeB.BaseUrl}/inbox?filter=unread");
        await page.WaitForURLAsync(new Regex("/account/change-password\\?ReturnUrl=%2Finbox%3Ffilter%3Dunread"));

        await page.GotoAsync($"{cluster.NodeB.BaseUrl}/prospects");
        await page.FillAsync("#current", Password);
        await page.FillAsync("#new", "My-Own-Password-5");
        await page.FillAsync("#confirm", "My-Own-Password-5");
        await page.ClickAsync("[data-testid=change-password-submit]");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prospects", Exact = true })).ToBeVisibleAsync();
        await Operator.WaitForCircuitAsync(page);
        await using var connection = await Sql.OpenAsync(cluster);
        Assert.False(await Sql.ScalarAsync<bool>(connection, "SELECT must_change_password FROM users WHERE id = @id", ("id", userId)));
    }

    /// <summary>An agent of the demo team with <see cref="Password"/>.</summary>
    private async Task<(string Email, Guid UserId)> CreateMemberAsync(string name, bool mustChangePassword = false)
    {
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid().ToString()[..8]}@browser.test";
        var userId = Guid.NewGuid();
        await using var connection = await Sql.OpenAsync(cluster);
        await using var command = new NpgsqlCommand("""
            WITH added AS (
                INSERT INTO users (id, display_name, is_installation_admin, created_at, user_name, normalized_user_name, email, normalized_email,
                    email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled,
                    access_failed_count, last_team_id, must_change_password)
                SELECT @id, @name, false, now(), @email, upper(@email), @email, upper(@email), true, @hash,
                       gen_random_uuid()::text, gen_random_uuid()::text, false, false, true, 0, t.id, @must_change
                FROM teams t WHERE t.name = 'Demo Brokerage'
                RETURNING id, last_team_id
            )
            INSERT INTO memberships (team_id, user_id, role, is_active, joined_at)
            SELECT last_team_id, id, 'Agent', true, now() FROM added
            """, connection);
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("hash", new PasswordHasher<object>().HashPassword(new object(), Password));
        command.Parameters.AddWithValue("must_change", mustChangePassword);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        return (email, userId);
    }

    [GeneratedRegex(@"http://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
