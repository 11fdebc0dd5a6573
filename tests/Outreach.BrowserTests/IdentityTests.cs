using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Outreach.BrowserTests;

/// <summary>
/// A console node configured with two identity providers started on loopback: one shaped like Entra ID (through
/// Microsoft.Identity.Web) and a generic OpenID Connect one. Started once for the class, beside the cluster.
/// </summary>
public sealed class IdentityNode : IAsyncLifetime
{
    public const string EntraTenant = "9188040d-6c67-4c5b-b112-36a304b66dad";
    private readonly SemaphoreSlim _gate = new(1, 1);

    public TestIdentityProvider Entra { get; } = new("console-entra-client", "entra-secret-1", EntraTenant);
    public TestIdentityProvider Generic { get; } = new("console-oidc-client", "oidc-secret-1");
    public ConsoleNode? Node { get; private set; }

    public async Task<ConsoleNode> StartAsync(ConsoleCluster cluster)
    {
        await _gate.WaitAsync();
        try
        {
            if (Node is null)
            {
                await Entra.StartAsync();
                await Generic.StartAsync();
                var node = cluster.NewNode("browser-identity")
                    .With("Outreach__Identity__Entra__Instance", Entra.BaseUrl + "/")
                    .With("Outreach__Identity__Entra__TenantId", EntraTenant)
                    .With("Outreach__Identity__Entra__ClientId", Entra.ClientId)
                    .With("Outreach__Identity__Entra__ClientSecret", Entra.ClientSecret)
                    .With("Outreach__Identity__Entra__DisplayName", "Contoso")
                    .With("Outreach__Identity__Entra__RequireHttpsMetadata", "false")
                    .With("Outreach__Identity__Oidc__Authority", Generic.Authority)
                    .With("Outreach__Identity__Oidc__ClientId", Generic.ClientId)
                    .With("Outreach__Identity__Oidc__ClientSecret", Generic.ClientSecret)
                    .With("Outreach__Identity__Oidc__DisplayName", "Okta")
                    .With("Outreach__Identity__Oidc__RequireHttpsMetadata", "false");
                try
                {
                    await node.StartAsync();
                }
                catch
                {
                    await node.DisposeAsync();
                    throw;
                }
                Node = node;
            }
            return Node;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit 2 disposes fixtures through IAsyncLifetime, not IAsyncDisposable: without it the node outlives the run.
    public async Task DisposeAsync()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
        await Entra.DisposeAsync();
        await Generic.DisposeAsync();
    }
}

[Collection(ClusterCollection.Name)]
public class IdentityTests(ConsoleCluster cluster, IdentityNode identity) : IClassFixture<IdentityNode>
{
    [Fact]
    public async Task An_invited_address_signs_in_with_Entra_is_linked_and_is_matched_by_subject_after_its_address_changes()
    {
        var node = await identity.StartAsync(cluster);
        var objectId = Guid.NewGuid().ToString();
        var email = $"alice-{objectId[..8]}@contoso.test";
        var token = await InviteDirectlyAsync(email, "Agent");
        identity.Entra.NextPerson = new IdentityPerson(objectId, email, "Alice Entra");

        var page = await cluster.NewPageAsync();
        await page.GotoAsync($"{node.BaseUrl}/account/invitation/{token}");
        await Expect(page.GetByTestId("invitation-summary")).ToContainTextAsync("Agent");
        await Operator.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Contoso" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Control room");
        await Expect(page.GetByTestId("team-switcher")).ToContainTextAsync("Demo Brokerage");

        await using var db = await Sql.OpenAsync(cluster);
        var userId = await Sql.ScalarAsync<Guid>(db,
            "SELECT user_id FROM user_logins WHERE login_provider = 'entra' AND provider_key = @key",
            ("key", $"{IdentityNode.EntraTenant}/{objectId}"));
        Assert.Equal("Agent", await Sql.ScalarAsync<string>(db,
            "SELECT m.role FROM memberships m JOIN teams t ON t.id = m.team_id WHERE m.user_id = @user AND t.name = 'Demo Brokerage'", ("user", userId)));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db,
            "SELECT count(*) FROM audit_entries WHERE action = 'auth.external_login_linked' AND actor_user_id = @user", ("user", userId)));

        // The directory renames the address; the subject stays, and so does the account.
        var renamed = $"alice.renamed-{objectId[..8]}@contoso.test";
        identity.Entra.NextPerson = new IdentityPerson(objectId, renamed, "Alice Entra");
        var later = await cluster.NewPageAsync();
        await later.GotoAsync($"{node.BaseUrl}/account/login");
        await later.GetByRole(AriaRole.Link, new() { Name = "Sign in with Contoso" }).ClickAsync();
        await Expect(later.Locator("h1")).ToHaveTextAsync("Control room");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM users WHERE email = @email", ("email", renamed)));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(db,
            "SELECT count(*) FROM audit_entries WHERE action = 'auth.signed_in' AND actor_user_id = @user", ("user", userId)));

        // The used link does not let anyone in a second time.
        await later.GotoAsync($"{node.BaseUrl}/account/invitation/{token}");
        await Expect(later.GetByTestId("invitation-refusal")).ToContainTextAsync("already been used");
    }

    [Fact]
    public async Task An_uninvited_person_is_refused_and_nothing_is_created_for_them()
    {
        var node = await identity.StartAsync(cluster);
        var email = $"stranger-{Guid.NewGuid().ToString()[..8]}@okta.test";
        identity.Generic.NextPerson = new IdentityPerson("sub-" + email, email, "Sam Stranger");

        var page = await cluster.NewPageAsync();
        await page.GotoAsync($"{node.BaseUrl}/account/login");
        await Operator.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Okta" }).ClickAsync();

        await Expect(page.GetByTestId("external-refusal")).ToContainTextAsync("Ask your team admin for an invitation");
        await Operator.AssertAccessibleAsync(page);
        await page.GotoAsync($"{node.BaseUrl}/");
        await page.WaitForURLAsync(new Regex("/account/login"));
        await using var db = await Sql.OpenAsync(cluster);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM users WHERE email = @email", ("email", email)));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM user_logins WHERE provider_key = @key", ("key", "sub-" + email)));
    }

    [Fact]
    public async Task A_token_from_a_wrong_issuer_or_with_a_bad_signature_is_refused_and_a_good_one_then_signs_in()
    {
        var node = await identity.StartAsync(cluster);
        var email = $"olivia-{Guid.NewGuid().ToString()[..8]}@okta.test";
        await InviteDirectlyAsync(email, "Viewer");
        var person = new IdentityPerson("sub-" + email, email, "Olivia Okta");
        await using var db = await Sql.OpenAsync(cluster);

        foreach (var (provider, name, fault) in new[]
                 {
                     (identity.Generic, "Okta", IdentityFault.WrongIssuer),
                     (identity.Generic, "Okta", IdentityFault.BadSignature),
                     (identity.Entra, "Contoso", IdentityFault.WrongIssuer),
                     (identity.Entra, "Contoso", IdentityFault.BadSignature),
                 })
        {
            provider.NextPerson = person;
            provider.NextFault = fault;
            var page = await cluster.NewPageAsync();
            await page.GotoAsync($"{node.BaseUrl}/account/login");
            await page.GetByRole(AriaRole.Link, new() { Name = $"Sign in with {name}" }).ClickAsync();
            await Expect(page.GetByTestId("external-refusal")).ToContainTextAsync("could not be verified");
            await page.Context.CloseAsync();
            Assert.Equal(0L, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM users WHERE email = @email", ("email", email)));
        }

        // The same person with an honest token: the pending invitation for the address is enough, without its link.
        identity.Generic.NextFault = IdentityFault.None;
        identity.Entra.NextFault = IdentityFault.None;
        var signedIn = await cluster.NewPageAsync();
        await signedIn.GotoAsync($"{node.BaseUrl}/account/login");
        await signedIn.GetByRole(AriaRole.Link, new() { Name = "Sign in with Okta" }).ClickAsync();
        await Expect(signedIn.Locator("h1")).ToHaveTextAsync("Control room");
        Assert.Equal("Viewer", await Sql.ScalarAsync<string>(db,
            "SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = @email", ("email", email)));
    }

    [Fact]
    public async Task An_invited_person_opens_the_emailed_link_sets_a_password_and_lands_in_the_team_with_the_role()
    {
        var email = $"invitee-{Guid.NewGuid().ToString()[..8]}@browser.test";
        var admin = await AdminOnUsersPageAsync();
        await Invitations.InviteAsync(admin, email, "Manager");
        await Operator.AssertAccessibleAsync(admin);
        var link = await Invitations.LinkAsync(cluster, email);

        var invitee = await cluster.NewPageAsync();
        await invitee.GotoAsync(link);
        await Expect(invitee.GetByRole(AriaRole.Heading, new() { Name = "Join Demo Brokerage" })).ToBeVisibleAsync();
        await Expect(invitee.GetByTestId("invitation-summary")).ToContainTextAsync("Manager");
        await Operator.AssertAccessibleAsync(invitee);
        await Invitations.AcceptWithNewPasswordAsync(invitee, link, "Ingrid Invitee", "Invitee-Password-1");
        await Expect(invitee.Locator("h1")).ToHaveTextAsync("Control room");
        await Expect(invitee.GetByTestId("team-switcher")).ToContainTextAsync("Demo Brokerage");

        var row = admin.Locator("[data-testid=members-grid] tr", new() { HasTextString = email });
        await Expect(row).ToContainTextAsync("Manager");
        await Expect(admin.GetByTestId("invitation-row").Filter(new() { HasTextString = email })).ToHaveCountAsync(0);

        var again = await cluster.NewPageAsync();
        await again.GotoAsync(link);
        await Expect(again.GetByTestId("invitation-refusal")).ToContainTextAsync("already been used");
        await Expect(again.Locator("#password")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_withdrawn_or_expired_invitation_link_is_refused_with_a_clear_page()
    {
        var withdrawn = $"withdrawn-{Guid.NewGuid().ToString()[..8]}@browser.test";
        var expired = $"expired-{Guid.NewGuid().ToString()[..8]}@browser.test";
        var admin = await AdminOnUsersPageAsync();
        await Invitations.InviteAsync(admin, withdrawn);
        await Invitations.InviteAsync(admin, expired);
        var withdrawnLink = await Invitations.LinkAsync(cluster, withdrawn);
        var expiredLink = await Invitations.LinkAsync(cluster, expired);

        await admin.GetByRole(AriaRole.Button, new() { Name = $"Withdraw the invitation to {withdrawn}" }).ClickAsync();
        var confirm = admin.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("will stop working");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Expect(admin.GetByTestId("invitation-row").Filter(new() { HasTextString = withdrawn })).ToHaveCountAsync(0);

        await using (var db = await Sql.OpenAsync(cluster))
        {
            await using var expire = new NpgsqlCommand("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = @email", db);
            expire.Parameters.AddWithValue("email", expired);
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());
        }

        var page = await cluster.NewPageAsync();
        await page.GotoAsync(withdrawnLink);
        await Expect(page.GetByTestId("invitation-refusal")).ToContainTextAsync("withdrawn");
        await Expect(page.Locator("#password")).ToHaveCountAsync(0);
        await Operator.AssertAccessibleAsync(page);
        await page.GotoAsync(expiredLink);
        await Expect(page.GetByTestId("invitation-refusal")).ToContainTextAsync("expired");
        await page.GotoAsync($"{cluster.NodeA.BaseUrl}/account/invitation/not-a-real-token");
        await Expect(page.GetByTestId("invitation-refusal")).ToContainTextAsync("not valid");
    }

    [Fact]
    public async Task Inviting_says_the_same_whether_or_not_the_address_has_an_account()
    {
        var admin = await AdminOnUsersPageAsync();
        var unknown = $"nobody-{Guid.NewGuid().ToString()[..8]}@browser.test";
        // The rival team's owner has an account on this installation but is not in this team.
        var known = await InviteSomeoneWithAnAccountElsewhereAsync();
        await Invitations.InviteAsync(admin, unknown);
        await Invitations.InviteAsync(admin, known);
        // Both are pending invitations, nothing more: the account is not attached, and nothing about it is shown.
        await Expect(admin.GetByTestId("members-grid")).Not.ToContainTextAsync(known);
        await Expect(admin.GetByTestId("invitations")).Not.ToContainTextAsync("Elsie Elsewhere");
        foreach (var email in new[] { unknown, known })
        {
            await Expect(admin.GetByTestId("invitation-row").Filter(new() { HasTextString = email })).ToContainTextAsync("Agent");
        }
        await Expect(admin.GetByTestId("member-error")).ToHaveCountAsync(0);
    }

    private async Task<string> InviteSomeoneWithAnAccountElsewhereAsync()
    {
        await using var db = await Sql.OpenAsync(cluster);
        var email = $"elsewhere-{Guid.NewGuid().ToString()[..8]}@browser.test";
        await using var insert = new NpgsqlCommand("""
            INSERT INTO users (id, display_name, is_installation_admin, appearance, created_at, user_name, normalized_user_name, email, normalized_email,
                               email_confirmed, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES (gen_random_uuid(), 'Elsie Elsewhere', false, 'System', now(), @email, upper(@email), @email, upper(@email),
                    true, gen_random_uuid()::text, gen_random_uuid()::text, false, false, true, 0)
            """, db);
        insert.Parameters.AddWithValue("email", email);
        await insert.ExecuteNonQueryAsync();
        return email;
    }

    private async Task<IPage> AdminOnUsersPageAsync()
    {
        var admin = await cluster.NewPageAsync();
        await Operator.SignInAsync(admin, cluster.NodeA.BaseUrl, ConsoleCluster.OwnerEmail, ConsoleCluster.OwnerPassword);
        await Operator.SwitchTeamAsync(admin, "Demo Brokerage");
        await Operator.NavigateAsync(admin, "Users and roles", "Users and roles");
        return admin;
    }

    /// <summary>An invitation into Demo Brokerage from its owner, with a token the test knows (the e-mail path has its own tests).</summary>
    private async Task<string> InviteDirectlyAsync(string email, string role)
    {
        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
        await using var db = await Sql.OpenAsync(cluster);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO invitations (id, team_id, email, role, token_hash, created_by, created_at, expires_at)
            SELECT gen_random_uuid(), t.id, @email, @role, @hash, u.id, now(), now() + interval '7 days'
            FROM teams t, users u WHERE t.name = 'Demo Brokerage' AND u.email = @owner
            """, db);
        insert.Parameters.AddWithValue("email", email);
        insert.Parameters.AddWithValue("role", role);
        insert.Parameters.AddWithValue("hash", hash);
        insert.Parameters.AddWithValue("owner", ConsoleCluster.OwnerEmail);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        return token;
    }
}
