using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Identity;

namespace Outreach.Console.Tests;

/// <summary>The must-change-password gate and the session-ended address, over HTTP as a browser meets them.</summary>
[Collection(ConsoleCollection.Name)]
public class SessionEndTests(ConsoleFactory factory)
{
    private const string Password = "Session-Host-1";

    [Fact]
    public async Task A_session_that_must_change_its_password_reaches_only_the_change_form_and_signing_out()
    {
        var email = await factory.CreateMemberAsync(TeamRole.Manager, Password);
        await SetMustChangePasswordAsync(email);
        var client = factory.CreateBrowserlikeClient();
        await SignInForm.SignInAsync(client, email, Password);

        var page = await client.GetAsync("/prospects?tag=hot");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/change-password?ReturnUrl=%2Fprospects%3Ftag%3Dhot", page.Headers.Location?.OriginalString);

        // What is not a page is refused outright: a download, and the Blazor hub (so no circuit can start).
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/reports/export/campaigns.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);

        var form = await client.GetAsync("/account/change-password");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Choose your own before you continue", await form.Content.ReadAsStringAsync());
        // Pages anyone may open stay open.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/forgot-password")).StatusCode);
    }

    [Fact]
    public async Task The_session_ended_address_keeps_a_session_that_stands_and_clears_one_signed_out_everywhere()
    {
        var email = await factory.CreateMemberAsync(TeamRole.Agent, Password);
        var client = factory.CreateBrowserlikeClient();
        await SignInForm.SignInAsync(client, email, Password);

        // A forged link to it signs nobody out.
        var standing = await client.GetAsync("/account/session-ended?ReturnUrl=%2Fprospects");
        Assert.Equal(HttpStatusCode.Redirect, standing.StatusCode);
        Assert.Equal("/prospects", standing.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/prospects")).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!)).Succeeded);
        }

        // The cookie's own stamp check may be up to a minute away; this address checks now and clears it.
        var ended = await client.GetAsync("/account/session-ended?ReturnUrl=%2Fprospects");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fprospects", ended.Headers.Location?.OriginalString);
        var after = await client.GetAsync("/prospects");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location?.OriginalString);
    }

    private async Task SetMustChangePasswordAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.MustChangePassword = true;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }
}
