using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Auditing;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;

namespace Outreach.Console.Tests;

[Collection(ConsoleCollection.Name)]
public class HostTests(ConsoleFactory factory)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/inbox")]
    [InlineData("/tasks")]
    [InlineData("/settings/users")]
    [InlineData("/settings/system")]
    public async Task Unauthenticated_requests_are_redirected_to_sign_in(string path)
    {
        var response = await factory.CreateBrowserlikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", RelativeLocation(response));
    }

    [Fact]
    public async Task Liveness_answers_without_checks_and_readiness_reports_database_and_scheduler()
    {
        var client = factory.CreateBrowserlikeClient();

        var live = await client.GetAsync("/health/live");
        // The scheduler starts once the application has; a load balancer polls until ready, and so do we.
        var ready = await Readiness.WaitAsync(client);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await factory.CreateBrowserlikeClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_blazor_hub_refuses_other_origins_and_accepts_its_own()
    {
        var client = factory.CreateBrowserlikeClient();

        var foreign = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        var own = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(foreign)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task The_blazor_client_script_served_is_the_one_of_the_server_s_version()
    {
        var response = await factory.CreateBrowserlikeClient().GetAsync("/_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var script = await response.Content.ReadAsStringAsync();
        Assert.True(script.Length > 100_000, $"blazor.web.js is only {script.Length} characters");
        // What the reconnect dialog and the circuit pause rely on: a .NET 9 client has neither.
        Assert.Contains("components-reconnect-state-changed", script);
        Assert.Contains("pauseCircuit", script);
    }

    [Fact]
    public async Task Signing_in_opens_the_control_room_and_is_audited()
    {
        var client = factory.CreateBrowserlikeClient();

        var response = await SignInForm.PostAsync(client, ConsoleFactory.OwnerEmail, ConsoleFactory.OwnerPassword, "/settings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/settings", RelativeLocation(response));
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Control room", await home.Content.ReadAsStringAsync());
        Assert.True(await AuditCountAsync(AuditActions.SignedIn) > 0);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message_and_audited()
    {
        var before = await AuditCountAsync(AuditActions.SignInFailed);

        var response = await SignInForm.PostAsync(factory.CreateBrowserlikeClient(), ConsoleFactory.OwnerEmail, "Not-The-Password1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("e-mail address or password is not right", await response.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await AuditCountAsync(AuditActions.SignInFailed));
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password()
    {
        var email = await factory.CreateMemberAsync(TeamRole.Agent, "Agent-Pass-1234");
        var client = factory.CreateBrowserlikeClient();
        for (var i = 0; i < 5; i++)
        {
            await SignInForm.PostAsync(client, email, "Wrong-Pass-0000");
        }

        var response = await SignInForm.PostAsync(client, email, "Agent-Pass-1234");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync());
        Assert.True(await AuditCountAsync(AuditActions.LockedOut) > 0);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_rejected()
    {
        var response = await factory.CreateBrowserlikeClient().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = ConsoleFactory.OwnerEmail,
            ["Input.Password"] = ConsoleFactory.OwnerPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(TeamRole.Viewer, "/settings/users", false)]
    [InlineData(TeamRole.Agent, "/settings/users", false)]
    [InlineData(TeamRole.Manager, "/settings/users", false)]
    [InlineData(TeamRole.Admin, "/settings/users", true)]
    [InlineData(TeamRole.Manager, "/settings/webhooks", false)]
    [InlineData(TeamRole.Admin, "/settings/webhooks", true)]
    [InlineData(TeamRole.Viewer, "/settings/audit", true)]
    [InlineData(TeamRole.Viewer, "/settings/teams", false)]
    [InlineData(TeamRole.Admin, "/settings/system", false)]
    public async Task Pages_are_open_only_to_the_roles_allowed_to_use_them(TeamRole role, string path, bool allowed)
    {
        var email = await factory.CreateMemberAsync(role, "Member-Pass-1234");
        var client = factory.CreateBrowserlikeClient();
        await SignInForm.SignInAsync(client, email, "Member-Pass-1234");

        var response = await client.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", RelativeLocation(response));
        }
    }

    [Fact]
    public async Task Signing_out_requires_the_antiforgery_token()
    {
        var client = factory.CreateBrowserlikeClient();
        await SignInForm.SignInAsync(client, ConsoleFactory.OwnerEmail, ConsoleFactory.OwnerPassword);

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var token = SignInForm.AntiforgeryToken(await client.GetStringAsync("/account/change-password"));
        var genuine = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.Equal("/account/login", RelativeLocation(genuine));
    }

    [Fact]
    public async Task Switching_to_a_team_you_do_not_belong_to_is_not_found()
    {
        var client = factory.CreateBrowserlikeClient();
        await SignInForm.SignInAsync(client, ConsoleFactory.OwnerEmail, ConsoleFactory.OwnerPassword);
        var token = SignInForm.AntiforgeryToken(await client.GetStringAsync("/account/change-password"));

        var response = await client.PostAsync("/account/switch-team", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["teamId"] = Guid.NewGuid().ToString(),
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string RelativeLocation(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        Assert.True(!location.IsAbsoluteUri || location.Host == "localhost", $"redirect leaves the site: {location}");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private async Task<int> AuditCountAsync(string action)
    {
        await using var db = factory.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        return await db.AuditEntries.CountAsync(a => a.Action == action);
    }
}
